package io.ssrguard.refresh;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * The store contract on the real MariaDB of the build machine (127.0.0.1:3306,
 * user {@code root} without password, database {@code test}).
 */
class JdbcRefreshTokenStoreMariaDbTest extends JdbcStoreContractTest {

    @Override
    DataSource openDataSource() throws SQLException {
        MariaDbDataSource ds = new MariaDbDataSource(
                System.getProperty("ssrguard.test.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/test"));
        ds.setUser(System.getProperty("ssrguard.test.mariadb.user", "root"));
        ds.setPassword(System.getProperty("ssrguard.test.mariadb.password", ""));
        return ds;
    }
}
