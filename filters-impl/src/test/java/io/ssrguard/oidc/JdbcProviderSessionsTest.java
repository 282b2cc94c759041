package io.ssrguard.oidc;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.refresh.RefreshStoreUnavailableException;
import io.ssrguard.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The provider-session contract on H2, PostgreSQL and MariaDB, each run in a table of
 * its own that it drops afterwards; and a database that is down is an
 * {@link RefreshStoreUnavailableException} (503 at the edge), never another exception.
 */
class JdbcProviderSessionsTest {

    abstract static class OnDatabase extends ProviderSessionsContractTest {
        final String prefix = "ssrguard_ps_" + Long.toHexString(System.nanoTime() ^ new java.util.Random().nextLong())
                .toLowerCase(Locale.ROOT);
        DataSource dataSource;

        abstract DataSource dataSource() throws Exception;

        @Override
        ProviderSessions open() throws Exception {
            dataSource = dataSource();
            return new JdbcProviderSessions(dataSource, prefix, true);
        }

        @Override
        void close() throws Exception {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS " + prefix + "_oidc_session");
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

    @Test
    void aDatabaseThatIsDownIsAStoreOutage() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:tcp://127.0.0.1:1/nothing-listens-here");
        JdbcProviderSessions sessions = new JdbcProviderSessions(ds, "ssrguard_down", true);
        RefreshStoreUnavailableException e = assertThrows(RefreshStoreUnavailableException.class,
                () -> sessions.families("sid", null));
        assertTrue(e.getMessage().contains("ssrguard_down_oidc_session"), e.getMessage());
    }
}
