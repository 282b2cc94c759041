package io.ssrguard.refresh;

import io.ssrguard.testing.ScratchTables;
import io.ssrguard.testing.TestDatabases.Database;

/**
 * The contract on {@link JdbcRefreshTokenStore} over one database. Each run
 * works in tables of its own (a random prefix) and drops them afterwards, so
 * runs are repeatable and may overlap on a shared database.
 */
abstract class JdbcStoreContractTest extends RefreshTokenStoreContractTest {

    final ScratchTables tables;
    JdbcRefreshTokenStore jdbcStore;

    JdbcStoreContractTest(Database database) {
        tables = new ScratchTables(database, "ssrguard_ct");
    }

    @Override
    RefreshTokenStore openStore() throws Exception {
        jdbcStore = new JdbcRefreshTokenStore(tables.dataSource(), tables.prefix(), true);
        return jdbcStore;
    }

    @Override
    int tokenCount(String familyId) {
        return jdbcStore.tokenCount(familyId);
    }

    @Override
    void closeStore() throws Exception {
        tables.drop("_ended", "_token", "_family");
    }
}
