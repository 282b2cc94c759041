package io.ssrguard.refresh;

import io.ssrguard.testing.TestDatabases.Database;

/** The store contract on H2 in memory, the database Payara Micro provides as its default DataSource. */
class JdbcRefreshTokenStoreH2Test extends JdbcStoreContractTest {

    JdbcRefreshTokenStoreH2Test() {
        super(Database.H2);
    }
}
