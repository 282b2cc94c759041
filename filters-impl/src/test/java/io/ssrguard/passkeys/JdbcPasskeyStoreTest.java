package io.ssrguard.passkeys;

import io.ssrguard.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Nested;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** The passkey-store contract on H2, PostgreSQL and MariaDB, each in a table of its own that it drops afterwards. */
class JdbcPasskeyStoreTest {

    abstract static class OnDatabase extends PasskeyStoreContractTest {
        final String prefix = "ssrguard_pk_" + Long.toHexString(System.nanoTime() ^ new java.util.Random().nextLong())
                .toLowerCase(Locale.ROOT);
        DataSource dataSource;

        abstract DataSource dataSource() throws Exception;

        @Override
        PasskeyStore open() throws Exception {
            dataSource = dataSource();
            return new JdbcPasskeyStore(dataSource, prefix, true);
        }

        @Override
        void close() throws Exception {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS " + prefix + "_passkey");
            }
        }
    }

    @Nested
    class H2 extends OnDatabase {
        @Override
        DataSource dataSource() {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:" + prefix + ";DB_CLOSE_DELAY=-1");
            return ds;
        }
    }

    @Nested
    class Postgres extends OnDatabase {
        @Override
        DataSource dataSource() {
            TestDatabases.Server server = TestDatabases.postgres();
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(server.url());
            ds.setUser(server.user());
            ds.setPassword(server.password());
            return ds;
        }
    }

    @Nested
    class MariaDb extends OnDatabase {
        @Override
        DataSource dataSource() throws SQLException {
            TestDatabases.Server server = TestDatabases.mariaDb();
            MariaDbDataSource ds = new MariaDbDataSource(server.url());
            ds.setUser(server.user());
            ds.setPassword(server.password());
            return ds;
        }
    }
}
