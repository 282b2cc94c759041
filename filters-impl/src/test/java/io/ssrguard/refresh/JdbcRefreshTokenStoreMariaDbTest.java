package io.ssrguard.refresh;

import io.ssrguard.testing.TestDatabases.Database;

/**
 * The store contract on a real MariaDB: the server {@code TESTDB_MARIADB_URL}
 * names (CI: the machine's), or one started from Maven artifacts.
 */
class JdbcRefreshTokenStoreMariaDbTest extends JdbcStoreContractTest {

    JdbcRefreshTokenStoreMariaDbTest() {
        super(Database.MARIADB);
    }
}
