package io.ssrguard.passkeys;

import io.ssrguard.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;

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
            return TestDatabases.h2DataSource(prefix);
        }
    }

    @Nested
    class Postgres extends OnDatabase {
        @Override
        DataSource dataSource() {
            return TestDatabases.postgresDataSource();
        }
    }

    @Nested
    class MariaDb extends OnDatabase {
        @Override
        DataSource dataSource() throws SQLException {
            return TestDatabases.mariaDbDataSource();
        }
    }
}
