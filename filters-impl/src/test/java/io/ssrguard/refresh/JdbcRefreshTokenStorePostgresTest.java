package io.ssrguard.refresh;

import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The store contract on the real PostgreSQL of the build machine (127.0.0.1:5432,
 * database {@code test}, trust authentication). No embedded substitute: locking
 * and unique-index behaviour under concurrency is what this test is for.
 */
class JdbcRefreshTokenStorePostgresTest extends JdbcStoreContractTest {

    @Override
    DataSource openDataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(System.getProperty("ssrguard.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test"));
        ds.setUser(System.getProperty("ssrguard.test.postgres.user", "postgres"));
        return ds;
    }
}
