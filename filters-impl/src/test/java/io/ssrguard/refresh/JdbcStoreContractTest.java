package io.ssrguard.refresh;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The contract on {@link JdbcRefreshTokenStore} over one database. Each run
 * works in tables of its own (a random prefix) and drops them afterwards, so
 * runs are repeatable and may overlap on a shared database.
 */
abstract class JdbcStoreContractTest extends RefreshTokenStoreContractTest {

    final String prefix = "ssrguard_ct_" + Long.toHexString(System.nanoTime() ^ new java.util.Random().nextLong())
            .toLowerCase(Locale.ROOT);
    JdbcRefreshTokenStore jdbcStore;
    DataSource dataSource;

    abstract DataSource openDataSource() throws Exception;

    @Override
    RefreshTokenStore openStore() throws Exception {
        dataSource = openDataSource();
        jdbcStore = new JdbcRefreshTokenStore(dataSource, prefix, true);
        return jdbcStore;
    }

    @Override
    int tokenCount(String familyId) {
        return jdbcStore.tokenCount(familyId);
    }

    @Override
    void closeStore() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + prefix + "_ended");
            st.execute("DROP TABLE IF EXISTS " + prefix + "_token");
            st.execute("DROP TABLE IF EXISTS " + prefix + "_family");
        }
    }
}
