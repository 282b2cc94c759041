package io.ssrguard.passkeys;

import io.ssrguard.refresh.JdbcCalls;
import io.ssrguard.refresh.SchemaOnFirstUse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * {@link PasskeyStore} in the refresh store's database (PostgreSQL, MariaDB or MySQL, H2), in a
 * table of its own, {@code <prefix>_passkey} (the refresh store's prefix), created on first use when
 * {@code ssrguard.refresh.create-schema} is on. The key is the SHA-256 of the credential id, because
 * an id may be up to 1023 bytes, longer than MariaDB indexes; the id itself is a column beside it.
 * Binary values are kept as base64url text, which every database stores the same way.
 *
 * <p>{@link #recordUse} is one conditional {@code UPDATE} (compare the counter, set the new one), so
 * two nodes finishing a sign-in with the same signature counter cannot both succeed.
 */
public final class JdbcPasskeyStore implements PasskeyStore {

    static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS {table} ("
            + "id_hash VARCHAR(64) NOT NULL, "
            + "credential_id VARCHAR(1400) NOT NULL, "
            + "user_handle VARCHAR(64) NOT NULL, "
            + "user_name VARCHAR(255) NOT NULL, "
            + "group_names VARCHAR(4000) NOT NULL, "
            + "credential_data VARCHAR(4000) NOT NULL, "
            + "signature_count BIGINT NOT NULL, "
            + "label VARCHAR(255) NOT NULL, "
            + "created_at BIGINT NOT NULL, "
            + "last_used_at BIGINT, "
            + "PRIMARY KEY (id_hash))";
    static final String CREATE_USER_INDEX = "CREATE INDEX IF NOT EXISTS {table}_user ON {table} (user_name)";
    /** Case-sensitive comparisons on MariaDB and MySQL too, like the refresh store's tables. */
    static final String MYSQL_TABLE_OPTIONS = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";

    static final String COLUMNS = "credential_id, user_handle, user_name, group_names, credential_data, "
            + "signature_count, label, created_at, last_used_at";
    static final String INSERT = "INSERT INTO {table} (id_hash, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String BY_ID = "SELECT " + COLUMNS + " FROM {table} WHERE id_hash = ?";
    static final String BY_USER = "SELECT " + COLUMNS + " FROM {table} WHERE user_name = ? ORDER BY created_at, credential_id";
    static final String RECORD_USE = "UPDATE {table} SET signature_count = ?, last_used_at = ? "
            + "WHERE id_hash = ? AND signature_count = ?";
    static final String DELETE = "DELETE FROM {table} WHERE id_hash = ? AND user_name = ?";

    private static final Logger LOG = Logger.getLogger(JdbcPasskeyStore.class.getName());
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    /** SQLState class 23: integrity constraint violation, here a duplicate key. */
    private static final String INTEGRITY_CLASS = "23";

    private final JdbcCalls calls;
    private final SchemaOnFirstUse schema;
    private final String table;

    /**
     * @param tablePrefix  the refresh store's prefix (a plain identifier)
     * @param createSchema whether to create the table and its index on first use
     */
    public JdbcPasskeyStore(DataSource dataSource, String tablePrefix, boolean createSchema) {
        JdbcCalls.checkedPrefix(tablePrefix);
        this.table = tablePrefix + "_passkey";
        this.calls = new JdbcCalls(dataSource, "passkey store", table);
        this.schema = new SchemaOnFirstUse(createSchema, this::createSchema);
    }

    /** The DDL this store runs, in order, with the table name filled in (for docs and operators). */
    public List<String> ddl(boolean mysqlFamily) {
        return List.of(sql(CREATE_TABLE) + (mysqlFamily ? MYSQL_TABLE_OPTIONS : ""), sql(CREATE_USER_INDEX));
    }

    /** Creates the table and index that are missing. Idempotent. */
    public void createSchema() {
        calls.createSchema(this::ddl);
        LOG.info(() -> "Passkey table " + table + " is ready");
    }

    @Override
    public boolean add(Passkey p) {
        return run("adding a passkey", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql(INSERT))) {
                ps.setString(1, hash(p.credentialId()));
                ps.setString(2, p.credentialId());
                ps.setString(3, p.userHandle());
                ps.setString(4, p.username());
                ps.setString(5, String.join(",", p.groups()));
                ps.setString(6, B64.encodeToString(p.credentialData()));
                ps.setLong(7, p.signatureCount());
                ps.setString(8, p.label());
                ps.setLong(9, p.createdAt().toEpochMilli());
                if (p.lastUsedAt() == null) {
                    ps.setNull(10, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(10, p.lastUsedAt().toEpochMilli());
                }
                ps.executeUpdate();
                JdbcCalls.commitIfNeeded(c);
                return true;
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith(INTEGRITY_CLASS)) {
                    if (!c.getAutoCommit()) {
                        c.rollback();
                    }
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<Passkey> find(String credentialId) {
        return run("finding a passkey", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql(BY_ID))) {
                ps.setString(1, hash(credentialId));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(passkey(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Passkey> forUser(String username) {
        return run("listing a user's passkeys", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql(BY_USER))) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Passkey> list = new ArrayList<>();
                    while (rs.next()) {
                        list.add(passkey(rs));
                    }
                    return list;
                }
            }
        });
    }

    @Override
    public boolean recordUse(String credentialId, long expectedCount, long newCount, Instant at) {
        return run("recording a passkey's use", c -> JdbcCalls.update(c, sql(RECORD_USE), ps -> {
            ps.setLong(1, newCount);
            ps.setLong(2, at.toEpochMilli());
            ps.setString(3, hash(credentialId));
            ps.setLong(4, expectedCount);
        }) == 1);
    }

    @Override
    public boolean remove(String username, String credentialId) {
        return run("removing a passkey", c -> JdbcCalls.update(c, sql(DELETE), ps -> {
            ps.setString(1, hash(credentialId));
            ps.setString(2, username);
        }) == 1);
    }

    private static Passkey passkey(ResultSet rs) throws SQLException {
        String groups = rs.getString(4);
        Set<String> groupSet = groups.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(groups.split(",")));
        long lastUsed = rs.getLong(9);
        Instant lastUsedAt = rs.wasNull() ? null : Instant.ofEpochMilli(lastUsed);
        return new Passkey(rs.getString(1), rs.getString(2), rs.getString(3), groupSet,
                Base64.getUrlDecoder().decode(rs.getString(5)), rs.getLong(6), rs.getString(7),
                Instant.ofEpochMilli(rs.getLong(8)), lastUsedAt);
    }

    private <T> T run(String operation, JdbcCalls.SqlWork<T> work) {
        schema.ensure();
        return calls.run(operation, work);
    }

    private static String hash(String credentialId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(credentialId.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private String sql(String template) {
        return template.replace("{table}", table);
    }
}
