package io.ssrguard.refresh;

import io.ssrguard.testing.TestDatabases;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * The store contract on a real MariaDB: the server {@code TESTDB_MARIADB_URL}
 * names (CI: the machine's), or one started from Maven artifacts.
 */
class JdbcRefreshTokenStoreMariaDbTest extends JdbcStoreContractTest {

    @Override
    DataSource openDataSource() throws SQLException {
        TestDatabases.Server server = TestDatabases.mariaDb();
        MariaDbDataSource ds = new MariaDbDataSource(server.url());
        ds.setUser(server.user());
        ds.setPassword(server.password());
        return ds;
    }
}
