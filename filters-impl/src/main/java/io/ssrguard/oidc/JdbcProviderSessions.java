package io.ssrguard.oidc;

import io.ssrguard.refresh.JdbcCalls;
import io.ssrguard.refresh.SchemaOnFirstUse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * {@link ProviderSessions} in the refresh store's database, in a table of its own,
 * {@code <prefix>_oidc_session} (the refresh store's prefix), created on first use
 * like the refresh store's tables when {@code ssrguard.refresh.create-schema} is on.
 * One row per family started through the provider; indexed by the provider's
 * {@code sid} and {@code sub} for back-channel logout.
 *
 * <p>A {@code sid} or {@code sub} longer than its column is kept as its SHA-256
 * ({@code sha256:} and base64url), and looked up the same way. An ID token longer
 * than its column is not kept: sign-out then goes to the provider without
 * {@code id_token_hint}.
 */
public final class JdbcProviderSessions implements ProviderSessions {

    static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS {table} ("
            + "family_id VARCHAR(32) NOT NULL, "
            + "provider_sid VARCHAR(255), "
            + "provider_sub VARCHAR(255) NOT NULL, "
            + "id_token VARCHAR(" + JdbcProviderSessions.MAX_ID_TOKEN + "), "
            + "expires_at BIGINT NOT NULL, "
            + "PRIMARY KEY (family_id))";
    static final String CREATE_SID_INDEX = "CREATE INDEX IF NOT EXISTS {table}_sid ON {table} (provider_sid)";
    static final String CREATE_SUB_INDEX = "CREATE INDEX IF NOT EXISTS {table}_sub ON {table} (provider_sub)";
    static final String CREATE_EXPIRY_INDEX = "CREATE INDEX IF NOT EXISTS {table}_expiry ON {table} (expires_at)";
    /** Provider sessions that logout tokens ended, kept for the tokens' lifetime (see {@link EndedProviderSession}). */
    static final String CREATE_ENDED_TABLE = "CREATE TABLE IF NOT EXISTS {ended} ("
            + "provider_sid VARCHAR(255), "
            + "provider_sub VARCHAR(255), "
            + "ended_at BIGINT NOT NULL, "
            + "expires_at BIGINT NOT NULL)";
    static final String CREATE_ENDED_SID_INDEX = "CREATE INDEX IF NOT EXISTS {ended}_sid ON {ended} (provider_sid)";
    static final String CREATE_ENDED_SUB_INDEX = "CREATE INDEX IF NOT EXISTS {ended}_sub ON {ended} (provider_sub)";
    static final String CREATE_ENDED_EXPIRY_INDEX = "CREATE INDEX IF NOT EXISTS {ended}_expiry ON {ended} (expires_at)";
    /** Case-sensitive comparisons on MariaDB and MySQL too, like the refresh store's tables. */
    static final String MYSQL_TABLE_OPTIONS = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";

    static final String INSERT = "INSERT INTO {table} (family_id, provider_sid, provider_sub, id_token, expires_at) "
            + "VALUES (?, ?, ?, ?, ?)";
    static final String BY_SID = "SELECT family_id FROM {table} WHERE provider_sid = ?";
    static final String BY_SUB = "SELECT family_id FROM {table} WHERE provider_sub = ?";
    /** See {@link ProviderSession#matches}: a session recorded without a sid is matched by its sub. */
    static final String BY_SID_AND_SUB = "SELECT family_id FROM {table} WHERE provider_sub = ? "
            + "AND (provider_sid = ? OR provider_sid IS NULL)";
    static final String ID_TOKEN = "SELECT id_token FROM {table} WHERE family_id = ?";
    static final String DELETE = "DELETE FROM {table} WHERE family_id = ?";
    static final String PURGE = "DELETE FROM {table} WHERE expires_at <= ?";
    static final String INSERT_ENDED = "INSERT INTO {ended} (provider_sid, provider_sub, ended_at, expires_at) "
            + "VALUES (?, ?, ?, ?)";
    /** {@link ProviderSession#matches} turned around, for a session with a sid. */
    static final String ENDED_WITH_SID = "SELECT 1 FROM {ended} WHERE ended_at >= ? AND ("
            + "(provider_sid = ? AND (provider_sub IS NULL OR provider_sub = ?)) "
            + "OR (provider_sid IS NULL AND provider_sub = ?))";
    /** A session without a sid ends with any logout of its sub. */
    static final String ENDED_WITHOUT_SID = "SELECT 1 FROM {ended} WHERE ended_at >= ? "
            + "AND provider_sub = ?";
    static final String PURGE_ENDED = "DELETE FROM {ended} WHERE expires_at <= ?";

    /** Characters of an ID token kept; real ones are 1 to 3 KB. */
    static final int MAX_ID_TOKEN = 8000;
    private static final int MAX_ID_LENGTH = 255;
    private static final Logger LOG = Logger.getLogger(JdbcProviderSessions.class.getName());

    private final JdbcCalls calls;
    private final SchemaOnFirstUse schema;
    private final String table;
    private final String endedTable;

    /**
     * @param tablePrefix  the refresh store's prefix (already validated as a plain identifier there)
     * @param createSchema whether to create the table and its indexes on first use
     */
    public JdbcProviderSessions(DataSource dataSource, String tablePrefix, boolean createSchema) {
        JdbcCalls.checkedPrefix(tablePrefix);
        this.table = tablePrefix + "_oidc_session";
        this.endedTable = tablePrefix + "_oidc_ended";
        this.calls = new JdbcCalls(dataSource, "OIDC provider-session store", table);
        this.schema = new SchemaOnFirstUse(createSchema, this::createSchema);
    }

    /** The DDL this store runs, in order, with the table name filled in (for docs and operators). */
    public List<String> ddl(boolean mysqlFamily) {
        String options = mysqlFamily ? MYSQL_TABLE_OPTIONS : "";
        return List.of(sql(CREATE_TABLE) + options, sql(CREATE_SID_INDEX), sql(CREATE_SUB_INDEX),
                sql(CREATE_EXPIRY_INDEX), sql(CREATE_ENDED_TABLE) + options, sql(CREATE_ENDED_SID_INDEX),
                sql(CREATE_ENDED_SUB_INDEX), sql(CREATE_ENDED_EXPIRY_INDEX));
    }

    /** Creates the table and indexes that are missing. Idempotent. */
    public void createSchema() {
        calls.createSchema(this::ddl);
        LOG.info(() -> "OIDC provider-session tables " + table + " and " + endedTable + " are ready");
    }

    @Override
    public void record(ProviderSession session) {
        String idToken = session.idToken() != null && session.idToken().length() <= MAX_ID_TOKEN
                ? session.idToken() : null;
        run("recording a provider session", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql(INSERT))) {
                ps.setString(1, session.familyId());
                if (session.sid() == null) {
                    ps.setNull(2, Types.VARCHAR);
                } else {
                    ps.setString(2, column(session.sid()));
                }
                ps.setString(3, column(session.sub()));
                if (idToken == null) {
                    ps.setNull(4, Types.VARCHAR);
                } else {
                    ps.setString(4, idToken);
                }
                ps.setLong(5, session.expiresAt().toEpochMilli());
                ps.executeUpdate();
                JdbcCalls.commitIfNeeded(c);
            }
            return null;
        });
    }

    @Override
    public List<String> families(String sid, String sub) {
        if (sid == null && sub == null) {
            return List.of();
        }
        return run("finding a provider session's families", c -> {
            String query = sid != null && sub != null ? BY_SID_AND_SUB : sid != null ? BY_SID : BY_SUB;
            try (PreparedStatement ps = c.prepareStatement(sql(query))) {
                if (sid != null && sub != null) {
                    ps.setString(1, column(sub));
                    ps.setString(2, column(sid));
                } else {
                    ps.setString(1, column(sid != null ? sid : sub));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<String> ids = new ArrayList<>();
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                    return ids;
                }
            }
        });
    }

    @Override
    public Optional<String> idToken(String familyId) {
        return run("reading an ID token", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql(ID_TOKEN))) {
                ps.setString(1, familyId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void forget(String familyId) {
        run("forgetting a provider session", c -> JdbcCalls.update(c, sql(DELETE), ps -> ps.setString(1, familyId)));
    }

    @Override
    public void ended(EndedProviderSession ended) {
        run("remembering an ended provider session", c -> JdbcCalls.update(c, sql(INSERT_ENDED), ps -> {
            setNullable(ps, 1, ended.sid());
            setNullable(ps, 2, ended.sub());
            ps.setLong(3, ended.endedAt().toEpochMilli());
            ps.setLong(4, ended.expiresAt().toEpochMilli());
        }));
    }

    @Override
    public boolean endedBefore(ProviderSession session, Instant idTokenIssuedAt) {
        return run("checking for an ended provider session", c -> {
            boolean withSid = session.sid() != null;
            try (PreparedStatement ps = c.prepareStatement(sql(withSid ? ENDED_WITH_SID : ENDED_WITHOUT_SID))) {
                ps.setLong(1, idTokenIssuedAt.toEpochMilli());
                if (withSid) {
                    ps.setString(2, column(session.sid()));
                    ps.setString(3, column(session.sub()));
                    ps.setString(4, column(session.sub()));
                } else {
                    ps.setString(2, column(session.sub()));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public int purge(Instant now) {
        return run("purging provider sessions",
                c -> JdbcCalls.update(c, sql(PURGE), ps -> ps.setLong(1, now.toEpochMilli()))
                        + JdbcCalls.update(c, sql(PURGE_ENDED), ps -> ps.setLong(1, now.toEpochMilli())));
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, column(value));
        }
    }

    private <T> T run(String operation, JdbcCalls.SqlWork<T> work) {
        schema.ensure();
        return calls.run(operation, work);
    }

    /** The value as stored: itself, or its SHA-256 when longer than the column. */
    static String column(String value) {
        if (value.length() <= MAX_ID_LENGTH) {
            return value;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private String sql(String template) {
        return template.replace("{table}", table).replace("{ended}", endedTable);
    }
}
