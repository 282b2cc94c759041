package io.ssrguard.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import javax.sql.DataSource;

/**
 * The tables one test works in on one of the {@link TestDatabases}: named with a random prefix of
 * their own, so that runs are repeatable and may overlap on a shared database, and dropped
 * afterwards. The JDBC store contract tests (refresh tokens, OpenID Connect provider sessions,
 * passkeys) each run on H2, PostgreSQL and MariaDB through one of these.
 */
public final class ScratchTables {

    private final TestDatabases.Database database;
    private final String prefix;
    private DataSource dataSource;

    /** @param stem the start of the prefix, telling whose tables they are ({@code ssrguard_pk}) */
    public ScratchTables(TestDatabases.Database database, String stem) {
        this.database = database;
        this.prefix = stem + "_" + Long.toHexString(System.nanoTime() ^ new Random().nextLong());
    }

    /** The table prefix to hand to the store. */
    public String prefix() {
        return prefix;
    }

    /** The database, found or started on first use (see {@link TestDatabases}); H2's is named after the prefix. */
    public DataSource dataSource() throws SQLException {
        if (dataSource == null) {
            dataSource = database.dataSource(prefix);
        }
        return dataSource;
    }

    /** Drops the tables named by the prefix and each suffix ({@code "_passkey"}), in this order, if they exist. */
    public void drop(String... suffixes) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String suffix : suffixes) {
                st.execute("DROP TABLE IF EXISTS " + prefix + suffix);
            }
        }
    }
}
