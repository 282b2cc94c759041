package io.ssrguard.it.payara;

import io.ssrguard.testing.TestDatabases;
import java.net.URI;

/**
 * The PostgreSQL server of the container tests, in the parts a Payara {@code <data-source>}
 * and a TCP proxy need. Which server it is (the one {@code TESTDB_POSTGRES_URL} names, or a
 * real PostgreSQL started from Maven artifacts) is decided in one place for unit and
 * container tests alike: {@link TestDatabases#postgres()}.
 */
record TestPostgres(String host, int port, String database, String user, String password, String origin) {

    static TestPostgres server() {
        TestDatabases.Server server = TestDatabases.postgres();
        return parse(server.url(), server.user(), server.password(), server.origin());
    }

    /** A server given as {@code jdbc:postgresql://host[:port]/database[?...]}. */
    static TestPostgres parse(String jdbcUrl, String user, String password, String origin) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException(TestDatabases.POSTGRES_URL
                    + " must look like jdbc:postgresql://host:port/database, is: " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String database = uri.getPath() == null || uri.getPath().length() < 2 ? "postgres" : uri.getPath().substring(1);
        return new TestPostgres(uri.getHost(), uri.getPort() == -1 ? 5432 : uri.getPort(), database, user, password,
                origin);
    }
}
