package io.ssrguard.refresh;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The store contract on H2 in memory, the database Payara Micro provides as its default DataSource. */
class JdbcRefreshTokenStoreH2Test extends JdbcStoreContractTest {

    @Override
    DataSource openDataSource() {
        JdbcDataSource ds = new JdbcDataSource();
        // Kept open between connections for the life of the JVM; the name keeps parallel runs apart.
        ds.setURL("jdbc:h2:mem:" + prefix + ";DB_CLOSE_DELAY=-1");
        return ds;
    }
}
