package io.ssrguard.refresh;

import static io.ssrguard.refresh.JdbcCalls.commitIfNeeded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link RefreshTokenStore} in a relational database (PostgreSQL, MariaDB or
 * MySQL, H2) shared by every node, so that a cluster behaves like one node.
 *
 * <p>Rotation inserts the successor row; the unique {@code parent_hash} (and,
 * since successors are derived, the primary key) let exactly one such insert
 * succeed however many nodes try at once, and the insert only happens while the
 * family is not revoked. The common refresh path is therefore one indexed
 * {@code SELECT} and one {@code INSERT}, each its own short transaction; no row
 * is locked while the application thinks.
 *
 * <p>Times are stored as epoch milliseconds ({@code BIGINT}), which every
 * database compares the same way whatever its time-zone settings. Table names
 * are {@code <prefix>_family}, {@code <prefix>_token} and {@code <prefix>_ended}, the
 * log of ended families that every node polls ({@link #endedSince}); a revocation
 * writes the family's {@code revoked_at} and its log entry in one transaction. Every database failure
 * (checked or not) becomes a {@link RefreshStoreUnavailableException}, a
 * connection that failed is aborted so that the pool replaces it, and every call
 * starts afresh from the DataSource, so the store recovers by itself when the
 * database returns.
 */
public final class JdbcRefreshTokenStore implements RefreshTokenStore {

    // --- schema; {family}, {token} and {ended} are replaced by the prefixed table names ---

    static final String CREATE_FAMILY_TABLE = "CREATE TABLE IF NOT EXISTS {family} ("
            + "family_id VARCHAR(32) NOT NULL, "
            + "user_name VARCHAR(255) NOT NULL, "
            + "group_names VARCHAR(4000) NOT NULL, "
            + "device VARCHAR(255) NOT NULL, "
            + "remember_me BOOLEAN NOT NULL, "
            + "created_at BIGINT NOT NULL, "
            + "expires_at BIGINT NOT NULL, "
            + "revoked_at BIGINT, "
            + "PRIMARY KEY (family_id))";
    static final String CREATE_FAMILY_USER_INDEX =
            "CREATE INDEX IF NOT EXISTS {family}_user ON {family} (user_name)";
    static final String CREATE_TOKEN_TABLE = "CREATE TABLE IF NOT EXISTS {token} ("
            + "token_hash VARCHAR(64) NOT NULL, "
            + "family_id VARCHAR(32) NOT NULL, "
            + "parent_hash VARCHAR(64), "
            + "issued_at BIGINT NOT NULL, "
            + "expires_at BIGINT NOT NULL, "
            + "PRIMARY KEY (token_hash), "
            + "CONSTRAINT {token}_parent UNIQUE (parent_hash), "
            + "CONSTRAINT {token}_family FOREIGN KEY (family_id) REFERENCES {family} (family_id) ON DELETE CASCADE)";
    static final String CREATE_TOKEN_FAMILY_INDEX =
            "CREATE INDEX IF NOT EXISTS {token}_family ON {token} (family_id, issued_at)";
    static final String CREATE_TOKEN_EXPIRY_INDEX =
            "CREATE INDEX IF NOT EXISTS {token}_expiry ON {token} (expires_at)";
    /**
     * The log of ended families. No foreign key: {@link #purge} deletes a revoked family long before
     * its entry here may go (when its last access token has expired, {@link #forgetEndedBefore}).
     */
    static final String CREATE_ENDED_TABLE = "CREATE TABLE IF NOT EXISTS {ended} ("
            + "family_id VARCHAR(32) NOT NULL, "
            + "ended_at BIGINT NOT NULL, "
            + "PRIMARY KEY (family_id))";
    /** Every node's poll is a range scan of this index. */
    static final String CREATE_ENDED_TIME_INDEX =
            "CREATE INDEX IF NOT EXISTS {ended}_time ON {ended} (ended_at)";
    /**
     * MariaDB and MySQL compare strings case-insensitively by default, which would
     * let base64url family ids and user names that differ in case collide.
     */
    static final String MYSQL_TABLE_OPTIONS = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";

    // --- statements ---

    static final String FAMILY_COLUMNS = "f.family_id, f.user_name, f.group_names, f.device, f.remember_me, "
            + "f.created_at, f.expires_at, f.revoked_at, "
            + "(SELECT MAX(x.issued_at) FROM {token} x WHERE x.family_id = f.family_id)";
    static final String INSERT_FAMILY = "INSERT INTO {family} (family_id, user_name, group_names, device, remember_me, "
            + "created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)";
    static final String INSERT_FIRST_TOKEN = "INSERT INTO {token} (token_hash, family_id, parent_hash, issued_at, "
            + "expires_at) VALUES (?, ?, NULL, ?, ?)";
    /** The token, its family and its successor (if used), in one indexed read. */
    static final String FIND_TOKEN = "SELECT " + FAMILY_COLUMNS + ", t.token_hash, t.issued_at, t.expires_at, "
            + "s.token_hash, s.issued_at "
            + "FROM {token} t JOIN {family} f ON f.family_id = t.family_id "
            + "LEFT JOIN {token} s ON s.parent_hash = t.token_hash "
            + "WHERE t.token_hash = ?";
    /** The rotation: succeeds once per parent (unique parent_hash), and only in a family not revoked. */
    static final String INSERT_SUCCESSOR = "INSERT INTO {token} (token_hash, family_id, parent_hash, issued_at, "
            + "expires_at) SELECT ?, f.family_id, ?, ?, ? FROM {family} f "
            + "WHERE f.family_id = ? AND f.revoked_at IS NULL";
    static final String REVOKE_FAMILY = "UPDATE {family} SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL";
    static final String INSERT_ENDED = "INSERT INTO {ended} (family_id, ended_at) VALUES (?, ?)";
    static final String SELECT_ENDED = "SELECT family_id, ended_at FROM {ended} WHERE ended_at >= ?";
    static final String DELETE_ENDED = "DELETE FROM {ended} WHERE ended_at < ?";
    static final String SELECT_FAMILY = "SELECT " + FAMILY_COLUMNS + " FROM {family} f WHERE f.family_id = ?";
    static final String SELECT_UNREVOKED_FAMILIES = "SELECT " + FAMILY_COLUMNS + " FROM {family} f "
            + "WHERE f.user_name = ? AND f.revoked_at IS NULL ORDER BY f.created_at, f.family_id";
    static final String SELECT_ACTIVE_FAMILIES = "SELECT " + FAMILY_COLUMNS + " FROM {family} f "
            + "WHERE f.user_name = ? AND f.revoked_at IS NULL AND f.expires_at > ? "
            + "AND EXISTS (SELECT 1 FROM {token} t WHERE t.family_id = f.family_id AND t.expires_at > ?) "
            + "ORDER BY f.created_at, f.family_id";
    static final String PURGE_TOKENS = "DELETE FROM {token} WHERE expires_at <= ? OR family_id IN "
            + "(SELECT family_id FROM {family} WHERE revoked_at IS NOT NULL OR expires_at <= ?)";
    /** After the expired tokens are gone, a family without a live token has timed out idle. */
    static final String PURGE_FAMILIES = "DELETE FROM {family} WHERE revoked_at IS NOT NULL OR expires_at <= ? "
            + "OR NOT EXISTS (SELECT 1 FROM {token} t WHERE t.family_id = {family}.family_id AND t.expires_at > ?)";
    static final String COUNT_TOKENS = "SELECT COUNT(*) FROM {token} WHERE family_id = ?";

    private static final Logger LOG = Logger.getLogger(JdbcRefreshTokenStore.class.getName());
    /** H2 reports a write-write conflict between two transactions with its own state. */
    private static final String H2_CONCURRENT_UPDATE = "90131";

    private final JdbcCalls calls;
    private final SchemaOnFirstUse schema;
    private final String familyTable;
    private final String tokenTable;
    private final String endedTable;
    // The statements above with the table names filled in, once.
    private final String insertFamilySql;
    private final String insertFirstTokenSql;
    private final String findTokenSql;
    private final String insertSuccessorSql;
    private final String revokeFamilySql;
    private final String insertEndedSql;
    private final String selectEndedSql;
    private final String deleteEndedSql;
    private final String selectFamilySql;
    private final String selectUnrevokedFamiliesSql;
    private final String selectActiveFamiliesSql;
    private final String purgeTokensSql;
    private final String purgeFamiliesSql;
    private final String countTokensSql;

    /**
     * @param dataSource   where the tables live (the pack looks it up by JNDI name)
     * @param tablePrefix  prefix of the table names, a plain lower-case identifier
     * @param createSchema whether to create missing tables and indexes on first use
     */
    public JdbcRefreshTokenStore(DataSource dataSource, String tablePrefix, boolean createSchema) {
        JdbcCalls.checkedPrefix(tablePrefix);
        this.schema = new SchemaOnFirstUse(createSchema, this::createSchema);
        this.familyTable = tablePrefix + "_family";
        this.tokenTable = tablePrefix + "_token";
        this.endedTable = tablePrefix + "_ended";
        this.calls = new JdbcCalls(dataSource, "refresh-token store", familyTable + "/" + tokenTable + "/" + endedTable);
        this.insertFamilySql = sql(INSERT_FAMILY);
        this.insertFirstTokenSql = sql(INSERT_FIRST_TOKEN);
        this.findTokenSql = sql(FIND_TOKEN);
        this.insertSuccessorSql = sql(INSERT_SUCCESSOR);
        this.revokeFamilySql = sql(REVOKE_FAMILY);
        this.insertEndedSql = sql(INSERT_ENDED);
        this.selectEndedSql = sql(SELECT_ENDED);
        this.deleteEndedSql = sql(DELETE_ENDED);
        this.selectFamilySql = sql(SELECT_FAMILY);
        this.selectUnrevokedFamiliesSql = sql(SELECT_UNREVOKED_FAMILIES);
        this.selectActiveFamiliesSql = sql(SELECT_ACTIVE_FAMILIES);
        this.purgeTokensSql = sql(PURGE_TOKENS);
        this.purgeFamiliesSql = sql(PURGE_FAMILIES);
        this.countTokensSql = sql(COUNT_TOKENS);
    }

    /** The DDL this store runs, in order, with the table names filled in (for docs/refresh.md and operators). */
    public List<String> ddl(boolean mysqlFamily) {
        String options = mysqlFamily ? MYSQL_TABLE_OPTIONS : "";
        return List.of(sql(CREATE_FAMILY_TABLE) + options, sql(CREATE_FAMILY_USER_INDEX),
                sql(CREATE_TOKEN_TABLE) + options, sql(CREATE_TOKEN_FAMILY_INDEX), sql(CREATE_TOKEN_EXPIRY_INDEX),
                sql(CREATE_ENDED_TABLE) + options, sql(CREATE_ENDED_TIME_INDEX));
    }

    /** Creates the tables and indexes that are missing. Idempotent. */
    public void createSchema() {
        withConnection("creating the schema", c -> {
            try (Statement st = c.createStatement()) {
                String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
                boolean mysqlFamily = product.contains("mariadb") || product.contains("mysql");
                for (String ddl : ddl(mysqlFamily)) {
                    st.execute(ddl);
                }
                commitIfNeeded(c);
            }
            return null;
        });
        LOG.info(() -> "refresh-token tables " + familyTable + ", " + tokenTable + " and " + endedTable + " are ready");
    }

    @Override
    public void create(RefreshFamily family, RefreshTokenEntry first) {
        if (!first.familyId().equals(family.id())) {
            throw new IllegalArgumentException("the first token must belong to the new family");
        }
        run("creating a family", c -> inTransaction(c, () -> {
            try (PreparedStatement insertFamily = c.prepareStatement(insertFamilySql);
                 PreparedStatement insertToken = c.prepareStatement(insertFirstTokenSql)) {
                insertFamily.setString(1, family.id());
                insertFamily.setString(2, family.user());
                insertFamily.setString(3, String.join("\n", new TreeSet<>(family.groups())));
                insertFamily.setString(4, family.device());
                insertFamily.setBoolean(5, family.rememberMe());
                insertFamily.setLong(6, family.createdAt().toEpochMilli());
                insertFamily.setLong(7, family.expiresAt().toEpochMilli());
                insertFamily.executeUpdate();
                insertToken.setString(1, first.hash());
                insertToken.setString(2, first.familyId());
                insertToken.setLong(3, first.issuedAt().toEpochMilli());
                insertToken.setLong(4, first.expiresAt().toEpochMilli());
                insertToken.executeUpdate();
            }
            return null;
        }));
    }

    @Override
    public Optional<StoredRefreshToken> find(String tokenHash) {
        return run("finding a token", c -> {
            try (PreparedStatement ps = c.prepareStatement(findTokenSql)) {
                ps.setString(1, tokenHash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    RefreshFamily family = family(rs);
                    // Columns 1-9 are the family's; the token's follow.
                    String successor = rs.getString(13);
                    RefreshTokenEntry token = new RefreshTokenEntry(rs.getString(10), family.id(),
                            instant(rs, 11), instant(rs, 12), successor == null ? null : instant(rs, 14), successor);
                    return Optional.of(new StoredRefreshToken(token, family));
                }
            }
        });
    }

    @Override
    public boolean rotate(String presentedHash, RefreshTokenEntry successor) {
        return run("rotating a token", c -> {
            try (PreparedStatement ps = c.prepareStatement(insertSuccessorSql)) {
                ps.setString(1, successor.hash());
                ps.setString(2, presentedHash);
                ps.setLong(3, successor.issuedAt().toEpochMilli());
                ps.setLong(4, successor.expiresAt().toEpochMilli());
                ps.setString(5, successor.familyId());
                int inserted = ps.executeUpdate();
                commitIfNeeded(c);
                return inserted == 1;
            } catch (SQLException e) {
                if (lostRace(e)) {
                    rollbackIfNeeded(c);
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<RefreshFamily> revokeFamily(String familyId, Instant at) {
        return run("revoking a family", c -> revoke(c, familyId, at));
    }

    @Override
    public List<RefreshFamily> revokeUser(String user, Instant at) {
        return run("revoking a user's families", c -> {
            List<RefreshFamily> revoked = new ArrayList<>();
            // Revoking by id reports exactly the families this call revoked, even against a concurrent revocation.
            for (RefreshFamily family : families(c, selectUnrevokedFamiliesSql, user)) {
                revoke(c, family.id(), at).ifPresent(revoked::add);
            }
            return revoked;
        });
    }

    @Override
    public List<RefreshFamily> activeFamilies(String user, Instant now) {
        long millis = now.toEpochMilli();
        return run("listing families", c -> families(c, selectActiveFamiliesSql, user, millis, millis));
    }

    @Override
    public int purge(Instant now) {
        long millis = now.toEpochMilli();
        return run("purging", c -> {
            int removed = 0;
            try (PreparedStatement tokens = c.prepareStatement(purgeTokensSql);
                 PreparedStatement families = c.prepareStatement(purgeFamiliesSql)) {
                tokens.setLong(1, millis);
                tokens.setLong(2, millis);
                removed += tokens.executeUpdate();
                commitIfNeeded(c);
                families.setLong(1, millis);
                families.setLong(2, millis);
                removed += families.executeUpdate();
                commitIfNeeded(c);
            }
            return removed;
        });
    }

    @Override
    public List<EndedFamily> endedSince(Instant since) {
        return run("reading ended families", c -> {
            try (PreparedStatement ps = c.prepareStatement(selectEndedSql)) {
                ps.setLong(1, since.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    List<EndedFamily> ended = new ArrayList<>();
                    while (rs.next()) {
                        ended.add(new EndedFamily(rs.getString(1), instant(rs, 2)));
                    }
                    return ended;
                }
            }
        });
    }

    @Override
    public int forgetEndedBefore(Instant before) {
        return run("trimming ended families", c -> {
            try (PreparedStatement ps = c.prepareStatement(deleteEndedSql)) {
                ps.setLong(1, before.toEpochMilli());
                int deleted = ps.executeUpdate();
                commitIfNeeded(c);
                return deleted;
            }
        });
    }

    /** How many tokens a family holds, used or not; for tests. */
    int tokenCount(String familyId) {
        return run("counting tokens", c -> {
            try (PreparedStatement ps = c.prepareStatement(countTokensSql)) {
                ps.setString(1, familyId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /**
     * Marks the family revoked and logs it as ended, in one transaction: a revocation that other
     * nodes could miss (revoked, not logged) must not exist.
     */
    private Optional<RefreshFamily> revoke(Connection c, String familyId, Instant at) throws SQLException {
        boolean revoked = inTransaction(c, () -> {
            try (PreparedStatement update = c.prepareStatement(revokeFamilySql);
                 PreparedStatement log = c.prepareStatement(insertEndedSql)) {
                update.setLong(1, at.toEpochMilli());
                update.setString(2, familyId);
                if (update.executeUpdate() == 0) {
                    return false;
                }
                log.setString(1, familyId);
                log.setLong(2, at.toEpochMilli());
                log.executeUpdate();
                return true;
            }
        });
        if (!revoked) {
            return Optional.empty();
        }
        List<RefreshFamily> family = families(c, selectFamilySql, familyId);
        return family.stream().findFirst();
    }

    /** Runs {@code work} in one transaction on {@code c}, whatever the pool's auto-commit default. */
    private static <T> T inTransaction(Connection c, SqlAction<T> work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            T result = work.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static List<RefreshFamily> families(Connection c, String query, String key, long... times)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(query)) {
            ps.setString(1, key);
            for (int i = 0; i < times.length; i++) {
                ps.setLong(i + 2, times[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<RefreshFamily> result = new ArrayList<>();
                while (rs.next()) {
                    result.add(family(rs));
                }
                return result;
            }
        }
    }

    /** Reads {@link #FAMILY_COLUMNS}, which every query puts first. */
    private static RefreshFamily family(ResultSet rs) throws SQLException {
        Instant created = instant(rs, 6);
        long lastUsed = rs.getLong(9);
        return new RefreshFamily(rs.getString(1), rs.getString(2), groups(rs.getString(3)), rs.getString(4),
                rs.getBoolean(5), created, rs.wasNull() ? created : Instant.ofEpochMilli(lastUsed),
                instant(rs, 7), nullableInstant(rs, 8));
    }

    private static Set<String> groups(String column) {
        return column == null || column.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(column.split("\n")));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return Instant.ofEpochMilli(rs.getLong(column));
    }

    private static Instant nullableInstant(ResultSet rs, int column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    /**
     * Another transaction inserted the same successor or parent first (an integrity
     * violation, class 23), or the database chose this one as the loser of a
     * conflict (class 40: deadlock or serialization failure; H2's own code).
     */
    private static boolean lostRace(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("23") || state.startsWith("40") || state.equals(H2_CONCURRENT_UPDATE));
    }

    private <T> T run(String operation, SqlWork<T> work) {
        schema.ensure();
        return withConnection(operation, work);
    }

    private <T> T withConnection(String operation, SqlWork<T> work) {
        return calls.run(operation, work::run);
    }

    private static void rollbackIfNeeded(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.rollback();
        }
    }

    private String sql(String template) {
        return template.replace("{family}", familyTable).replace("{token}", tokenTable).replace("{ended}", endedTable);
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    private interface SqlAction<T> {
        T run() throws SQLException;
    }
}
