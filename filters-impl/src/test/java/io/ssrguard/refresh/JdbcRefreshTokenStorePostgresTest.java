package io.ssrguard.refresh;

import io.ssrguard.testing.TestDatabases;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The store contract on a real PostgreSQL: the server {@code TESTDB_POSTGRES_URL}
 * names (CI: the machine's), or one started from Maven artifacts. No H2 substitute:
 * locking and unique-index behaviour under concurrency is what this test is for.
 */
class JdbcRefreshTokenStorePostgresTest extends JdbcStoreContractTest {

    @Override
    DataSource openDataSource() {
        TestDatabases.Server server = TestDatabases.postgres();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(server.url());
        ds.setUser(server.user());
        ds.setPassword(server.password());
        return ds;
    }
}
