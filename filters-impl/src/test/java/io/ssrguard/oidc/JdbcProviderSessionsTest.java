package io.ssrguard.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.refresh.RefreshStoreUnavailableException;
import io.ssrguard.testing.ForwardingDataSourceBase;
import io.ssrguard.testing.ScratchTables;
import io.ssrguard.testing.TestDatabases.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The provider-session contract on H2, PostgreSQL and MariaDB, each run in a table of
 * its own that it drops afterwards; and a database that is down is an
 * {@link RefreshStoreUnavailableException} (503 at the edge), never another exception.
 */
class JdbcProviderSessionsTest {

    abstract static class OnDatabase extends ProviderSessionsContractTest {
        final ScratchTables tables;

        OnDatabase(Database database) {
            tables = new ScratchTables(database, "ssrguard_ps");
        }

        @Override
        ProviderSessions open() throws Exception {
            return new JdbcProviderSessions(tables.dataSource(), tables.prefix(), true);
        }

        @Override
        void close() throws Exception {
            tables.drop("_oidc_session", "_oidc_ended");
        }
    }

    @Nested
    class H2 extends OnDatabase {
        H2() {
            super(Database.H2);
        }
    }

    @Nested
    class Postgres extends OnDatabase {
        Postgres() {
            super(Database.POSTGRES);
        }
    }

    @Nested
    class MariaDb extends OnDatabase {
        MariaDb() {
            super(Database.MARIADB);
        }
    }

    @Test
    void aDatabaseThatIsDownIsAStoreOutageAndItsReturnNeedsNoRestart() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:ssrguard_down_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        AtomicBoolean down = new AtomicBoolean(true);
        DataSource switchable = new ForwardingDataSourceBase() {
            @Override
            public Connection getConnection() throws SQLException {
                if (down.get()) {
                    throw new SQLException("connection refused (test)", "08001");
                }
                return h2.getConnection();
            }
        };
        JdbcProviderSessions sessions = new JdbcProviderSessions(switchable, "ssrguard_down", true);
        RefreshStoreUnavailableException e = assertThrows(RefreshStoreUnavailableException.class,
                () -> sessions.families("sid", null));
        assertTrue(e.getMessage().contains("ssrguard_down_oidc_session"), e.getMessage());
        assertThrows(RefreshStoreUnavailableException.class,
                () -> sessions.record(ProviderSessionsContractTest.session("f1", "sid", "sub")));

        down.set(false);
        sessions.record(ProviderSessionsContractTest.session("f1", "sid", "sub"));
        assertEquals(java.util.List.of("f1"), sessions.families("sid", null));
    }
}
