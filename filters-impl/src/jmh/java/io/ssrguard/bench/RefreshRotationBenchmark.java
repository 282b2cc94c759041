package io.ssrguard.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.ssrguard.auth.Caller;
import io.ssrguard.refresh.IssuedRefreshToken;
import io.ssrguard.refresh.JdbcRefreshTokenStore;
import io.ssrguard.refresh.RefreshEventPublisher;
import io.ssrguard.refresh.RefreshSettings;
import io.ssrguard.refresh.RefreshTokenService;
import io.ssrguard.refresh.RotationResult;
import io.ssrguard.refresh.StoredRefreshFamilies;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;

/**
 * Refresh-token rotations per second against the real PostgreSQL, beside
 * pgbench's default TPC-B-like TPS on the same database in the same run.
 *
 * <p>For each client count: that many threads, each with its own family, call
 * {@link RefreshTokenService#rotate} on their own chain (every call a real
 * rotation: one indexed {@code SELECT}, one {@code INSERT}, through a pool of
 * auto-commit connections as a container provides them) for a warm-up and then
 * a measured period. With {@code --http=<base URL>} (an SSR Guard application
 * whose refresh store is the same PostgreSQL, started by
 * {@code arquillian-tests/load/rotations.sh}), as many threads, each signed in
 * once, then rotate over HTTP ({@code POST /auth/refresh}, see {@link HttpSignIn}).
 * Then {@code pgbench -c N -j min(N,2) -T seconds -n} runs on the same database. Everything the run creates lives in a scratch schema
 * ({@code ssrguard_bench_<random>}), which is dropped at the end, so the
 * database's other tables are never touched.
 *
 * <p>A plain main class rather than JMH: each operation is a database round
 * trip measured over seconds at a fixed client count. Options
 * ({@code --name=value}): {@code clients} (1,8,32), {@code seconds} (10),
 * {@code http} (none), {@code http-warmup} (20: seconds of rotations over HTTP
 * before the first measurement, for the server's JIT), {@code user-name} /
 * {@code user-password} (alice / alice123, the account the HTTP clients sign in with),
 * {@code warmup} (3), {@code scale} (the largest client count), {@code host}
 * (127.0.0.1), {@code port} (5432), {@code database} (test), {@code user}
 * (postgres), {@code pgbench} (pgbench on the PATH). The password, if any,
 * comes from {@code PGPASSWORD} for both the pool and pgbench.
 */
public final class RefreshRotationBenchmark {

    /** The issue's target: store-level rotations reach this share of pgbench's TPS at 8 and 32 clients. */
    static final double TARGET_RATIO = 0.75;

    private static final Pattern TPS = Pattern.compile("(?m)^tps = ([0-9]+(?:\\.[0-9]+)?)");
    private static final Logger PACK_LOG = Logger.getLogger("io.ssrguard");

    private RefreshRotationBenchmark() {
    }

    /** What one run measures and where. */
    record Options(List<Integer> clients, Duration measure, Duration warmup, int scale, String host, int port,
                   String database, String user, String pgbench, URI http, String httpUser, String httpPassword,
                   Duration httpWarmup) {

        static Options parse(String[] args) {
            List<Integer> clients = List.of(1, 8, 32);
            int seconds = 10;
            int warmup = 3;
            Integer scale = null;
            String host = "127.0.0.1";
            int port = 5432;
            String database = "test";
            String user = "postgres";
            String pgbench = "pgbench";
            URI http = null;
            String httpUser = "alice";
            String httpPassword = "alice123";
            int httpWarmup = 20;
            for (String arg : args) {
                if (arg.isBlank()) {
                    continue;
                }
                int eq = arg.indexOf('=');
                if (!arg.startsWith("--") || eq < 0) {
                    throw new IllegalArgumentException("options are --name=value, not '" + arg + "'");
                }
                String name = arg.substring(2, eq);
                String value = arg.substring(eq + 1);
                switch (name) {
                    case "clients" -> clients = Arrays.stream(value.split(",")).map(String::strip)
                            .map(Integer::valueOf).toList();
                    case "seconds" -> seconds = Integer.parseInt(value);
                    case "warmup" -> warmup = Integer.parseInt(value);
                    case "scale" -> scale = Integer.valueOf(value);
                    case "host" -> host = value;
                    case "port" -> port = Integer.parseInt(value);
                    case "database" -> database = value;
                    case "user" -> user = value;
                    case "pgbench" -> pgbench = value;
                    case "http" -> http = value.isBlank() ? null : URI.create(value.endsWith("/") ? value : value + "/");
                    case "user-name" -> httpUser = value;
                    case "user-password" -> httpPassword = value;
                    case "http-warmup" -> httpWarmup = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option --" + name);
                }
            }
            if (clients.isEmpty() || clients.stream().anyMatch(n -> n < 1) || seconds < 1 || warmup < 0) {
                throw new IllegalArgumentException("clients must be positive, seconds at least 1, warmup at least 0");
            }
            int maxClients = clients.stream().mapToInt(Integer::intValue).max().orElseThrow();
            // pgbench's docs: a scale below the client count measures contention on the branch rows instead.
            int effectiveScale = scale == null ? maxClients : scale;
            return new Options(clients, Duration.ofSeconds(seconds), Duration.ofSeconds(warmup), effectiveScale,
                    host, port, database, user, pgbench, http, httpUser, httpPassword, Duration.ofSeconds(httpWarmup));
        }

        String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        int maxClients() {
            return clients.stream().mapToInt(Integer::intValue).max().orElseThrow();
        }
    }

    /** Rotations measured at one client count, at the store or over HTTP. */
    record Rotations(long count, double perSecond, double meanMillis, double p99Millis) {

        static final Rotations NONE = new Rotations(0, Double.NaN, Double.NaN, Double.NaN);
    }

    /** One client count's figures. */
    record Row(int clients, Rotations store, Rotations http, double pgbenchTps) {

        double ratio() {
            return store.perSecond() / pgbenchTps;
        }

        double httpRatio() {
            return http.perSecond() / pgbenchTps;
        }
    }

    /** One client's chain of rotations: each call rotates once, or throws. */
    @FunctionalInterface
    interface Chain {
        void rotate() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        PACK_LOG.setLevel(Level.WARNING);
        Options options = Options.parse(args);
        String schema = "ssrguard_bench_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        printEnvironment(options);
        execute(options, "CREATE SCHEMA " + schema);
        // Interrupted runs (Ctrl-C, a script's cleanup) drop the scratch schema as well.
        Thread dropOnExit = new Thread(() -> dropSchema(options, schema), "drop-scratch-schema");
        Runtime.getRuntime().addShutdownHook(dropOnExit);
        List<Row> rows = new ArrayList<>();
        try {
            System.out.printf(Locale.ROOT, "pgbench -i -s %d into schema %s ...%n", options.scale(), schema);
            pgbench(options, schema, "-i", "-q", "-s", String.valueOf(options.scale()));
            try (HikariDataSource pool = pool(options, schema)) {
                JdbcRefreshTokenStore store = new JdbcRefreshTokenStore(pool, "bench_refresh", false);
                store.createSchema();
                RefreshTokenService service = service(store);
                HttpClient client = options.http() == null ? null : HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
                if (client != null && !options.httpWarmup().isZero()) {
                    // The server's JIT has not seen a refresh yet; at one client's pace the first
                    // measurement would still be compiling the signing and JDBC paths.
                    int warmClients = Math.min(8, options.maxClients());
                    System.out.printf(Locale.ROOT, "HTTP warm-up: %d clients for %d s ...%n", warmClients,
                            options.httpWarmup().toSeconds());
                    measure(httpChains(client, warmClients, options), options.httpWarmup(), Duration.ZERO);
                }
                for (int clients : options.clients()) {
                    Rotations atStore = measure(storeChains(service, clients), options.warmup(), options.measure());
                    System.out.printf(Locale.ROOT, "%2d clients: %.0f rotations/s at the store (mean %.2f ms, p99 %.2f ms)%n",
                            clients, atStore.perSecond(), atStore.meanMillis(), atStore.p99Millis());
                    Rotations overHttp = Rotations.NONE;
                    if (client != null) {
                        overHttp = measure(httpChains(client, clients, options), options.warmup(), options.measure());
                        System.out.printf(Locale.ROOT, "%2d clients: %.0f rotations/s over HTTP (mean %.2f ms, p99 %.2f ms)%n",
                                clients, overHttp.perSecond(), overHttp.meanMillis(), overHttp.p99Millis());
                    }
                    double tps = pgbenchTps(options, schema, clients);
                    System.out.printf(Locale.ROOT, "%2d clients: pgbench %.0f TPS%n", clients, tps);
                    rows.add(new Row(clients, atStore, overHttp, tps));
                }
            }
        } finally {
            Runtime.getRuntime().removeShutdownHook(dropOnExit);
            dropSchema(options, schema);
        }
        printTable(rows);
    }

    /** One chain per client, each rotating its own family's tokens through the service. */
    static List<Chain> storeChains(RefreshTokenService service, int clients) {
        List<Chain> chains = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            IssuedRefreshToken first = service.issue(new Caller("bench-" + i, Set.of("user")), false, "refresh benchmark");
            String[] token = {first.token()};
            int client = i;
            chains.add(() -> {
                RotationResult result = service.rotate(token[0]);
                if (!(result instanceof RotationResult.Rotated rotated) || rotated.replayed()) {
                    throw new IllegalStateException("client " + client + " got " + result);
                }
                token[0] = rotated.issued().token();
            });
        }
        return chains;
    }

    /** One chain per client, each signed in once (its own family) and rotating over HTTP. */
    static List<Chain> httpChains(HttpClient client, int clients, Options options)
            throws IOException, InterruptedException {
        List<Chain> chains = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            HttpSignIn session = HttpSignIn.signIn(client, options.http(), options.httpUser(), options.httpPassword());
            chains.add(session::rotate);
        }
        return chains;
    }

    /**
     * Runs one thread per chain, each rotating its chain for the warm-up and then
     * the measured period; counts only rotations that finish inside the measured
     * period. Any failed rotation stops the run.
     */
    static Rotations measure(List<Chain> chains, Duration warmup, Duration measured) throws InterruptedException {
        int clients = chains.size();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long measureFrom = start + warmup.toNanos();
        long measureTo = measureFrom + measured.toNanos();
        AtomicReference<String> failure = new AtomicReference<>();
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        CountDownLatch done = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            int client = i;
            Thread thread = new Thread(() -> {
                try {
                    long[] own = new long[4096];
                    int count = 0;
                    Chain chain = chains.get(client);
                    while (System.nanoTime() < start) {
                        Thread.onSpinWait();
                    }
                    while (failure.get() == null) {
                        long before = System.nanoTime();
                        if (before >= measureTo) {
                            break;
                        }
                        chain.rotate();
                        long after = System.nanoTime();
                        if (before >= measureFrom && after < measureTo) {
                            if (count == own.length) {
                                own = Arrays.copyOf(own, count * 2);
                            }
                            own[count++] = after - before;
                        }
                    }
                    latencies[client] = own;
                    counts[client] = count;
                } catch (Exception e) {
                    failure.compareAndSet(null, "client " + client + " failed: " + e);
                } finally {
                    done.countDown();
                }
            }, "rotate-" + i);
            thread.start();
        }
        done.await();
        if (failure.get() != null) {
            throw new IllegalStateException("not every call was a rotation: " + failure.get());
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int i = 0; i < clients; i++) {
            System.arraycopy(latencies[i], 0, all, at, counts[i]);
            at += counts[i];
        }
        Arrays.sort(all);
        double seconds = measured.toNanos() / 1e9;
        if (seconds == 0) {
            return Rotations.NONE;
        }
        double mean = total == 0 ? 0 : Arrays.stream(all).average().orElse(0) / 1e6;
        double p99 = total == 0 ? 0 : all[(int) Math.min(total - 1, Math.ceil(total * 0.99) - 1)] / 1e6;
        return new Rotations(total, total / seconds, mean, p99);
    }

    static double pgbenchTps(Options options, String schema, int clients) throws IOException, InterruptedException {
        String output = pgbench(options, schema, "-n", "-c", String.valueOf(clients),
                "-j", String.valueOf(Math.min(clients, 2)), "-T", String.valueOf(options.measure().toSeconds()));
        Matcher m = TPS.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("no 'tps = ' line in pgbench's output:\n" + output);
        }
        return Double.parseDouble(m.group(1));
    }

    /** Runs pgbench on the scratch schema (its pgbench_* tables are found through search_path). */
    static String pgbench(Options options, String schema, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(options.pgbench(), "-h", options.host(),
                "-p", String.valueOf(options.port()), "-U", options.user()));
        command.addAll(List.of(args));
        command.add(options.database());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGOPTIONS", "-c search_path=" + schema);
        Process process = builder.start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit + ":\n" + output);
        }
        return output;
    }

    private static HikariDataSource pool(Options options, String schema) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(options.jdbcUrl());
        config.setUsername(options.user());
        String password = System.getenv("PGPASSWORD");
        if (password != null) {
            config.setPassword(password);
        }
        config.setSchema(schema);
        // One connection per client and all of them open before the clock starts, as in a warmed-up container pool.
        config.setMaximumPoolSize(options.maxClients());
        config.setMinimumIdle(options.maxClients());
        config.setAutoCommit(true);
        config.setPoolName("refresh-benchmark");
        return new HikariDataSource(config);
    }

    private static RefreshTokenService service(JdbcRefreshTokenStore store) {
        Clock clock = Clock.systemUTC();
        RefreshEventPublisher events = new RefreshEventPublisher(event -> { });
        byte[] key = new byte[RefreshSettings.MIN_SECRET_BYTES];
        SecureRandom random = new SecureRandom();
        random.nextBytes(key);
        RefreshSettings settings = new RefreshSettings(RefreshSettings.DEFAULT_GRACE_WINDOW,
                RefreshSettings.DEFAULT_IDLE_TIMEOUT, RefreshSettings.DEFAULT_LIFETIME,
                RefreshSettings.DEFAULT_REMEMBER_ME_LIFETIME, RefreshSettings.StoreType.JDBC,
                RefreshSettings.DEFAULT_DATASOURCE, false, "bench_refresh", RefreshSettings.DEFAULT_PURGE_INTERVAL,
                new SecretKeySpec(key, "HmacSHA256"), RefreshSettings.DEFAULT_REVOCATION_POLL_INTERVAL);
        return new RefreshTokenService(store, new StoredRefreshFamilies(store, events, clock), events, settings,
                clock, random);
    }

    private static void dropSchema(Options options, String schema) {
        try {
            execute(options, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("could not drop the scratch schema " + schema + ": " + e.getMessage());
        }
    }

    private static void execute(Options options, String sql) throws SQLException {
        try (Connection c = connect(options); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static Connection connect(Options options) throws SQLException {
        String password = System.getenv("PGPASSWORD");
        return DriverManager.getConnection(options.jdbcUrl(), options.user(), password == null ? "" : password);
    }

    private static void printEnvironment(Options options) throws SQLException {
        var os = ManagementFactory.getOperatingSystemMXBean();
        System.out.println("Refresh-token rotation benchmark");
        System.out.println("date:     " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        System.out.println("JDK:      " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        System.out.printf(Locale.ROOT, "machine:  %d cores, load average %.2f at start%n",
                os.getAvailableProcessors(), os.getSystemLoadAverage());
        try (Connection c = connect(options); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version(), current_setting('synchronous_commit'), "
                     + "current_setting('fsync'), current_setting('shared_buffers')")) {
            rs.next();
            System.out.println("database: " + rs.getString(1));
            System.out.println("          synchronous_commit=" + rs.getString(2) + ", fsync=" + rs.getString(3)
                    + ", shared_buffers=" + rs.getString(4) + ", " + options.jdbcUrl());
        }
        System.out.printf(Locale.ROOT, "run:      clients %s, %d s warm-up + %d s measured per client count, "
                        + "pgbench scale %d, -T %d%n", options.clients(), options.warmup().toSeconds(),
                options.measure().toSeconds(), options.scale(), options.measure().toSeconds());
        System.out.println("HTTP:     " + (options.http() == null ? "not measured (no --http)"
                : "POST " + options.http().resolve("auth/refresh") + ", signed in as " + options.httpUser()));
    }

    private static void printTable(List<Row> rows) {
        var os = ManagementFactory.getOperatingSystemMXBean();
        System.out.println();
        System.out.printf(Locale.ROOT, "load average at end: %.2f%n", os.getSystemLoadAverage());
        System.out.println();
        boolean http = rows.stream().anyMatch(row -> row.http().count() > 0);
        if (http) {
            System.out.println("| clients | store rotations/s | HTTP rotations/s | pgbench TPS | store / pgbench | HTTP / pgbench "
                    + "| store mean / p99 ms | HTTP mean / p99 ms |");
            System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        } else {
            System.out.println("| clients | rotations/s | pgbench TPS | ratio | rotation mean ms | rotation p99 ms |");
            System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: |");
        }
        for (Row row : rows) {
            if (http) {
                System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %.0f | %.2f | %.2f | %.1f / %.1f | %.1f / %.1f |%n",
                        row.clients(), row.store().perSecond(), row.http().perSecond(), row.pgbenchTps(), row.ratio(),
                        row.httpRatio(), row.store().meanMillis(), row.store().p99Millis(), row.http().meanMillis(),
                        row.http().p99Millis());
            } else {
                System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %.2f | %.2f | %.2f |%n", row.clients(),
                        row.store().perSecond(), row.pgbenchTps(), row.ratio(), row.store().meanMillis(),
                        row.store().p99Millis());
            }
        }
        System.out.println();
        for (Row row : rows) {
            if (row.clients() >= 8) {
                System.out.printf(Locale.ROOT, "target (rotations >= %.0f%% of pgbench TPS) at %d clients: %s%n",
                        TARGET_RATIO * 100, row.clients(), row.ratio() >= TARGET_RATIO ? "met" : "NOT met");
            }
        }
    }
}
