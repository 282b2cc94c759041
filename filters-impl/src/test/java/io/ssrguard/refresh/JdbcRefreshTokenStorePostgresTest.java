package io.ssrguard.refresh;

import io.ssrguard.testing.TestDatabases.Database;

/**
 * The store contract on a real PostgreSQL: the server {@code TESTDB_POSTGRES_URL}
 * names (CI: the machine's), or one started from Maven artifacts. No H2 substitute:
 * locking and unique-index behaviour under concurrency is what this test is for.
 */
class JdbcRefreshTokenStorePostgresTest extends JdbcStoreContractTest {

    JdbcRefreshTokenStorePostgresTest() {
        super(Database.POSTGRES);
    }
}
