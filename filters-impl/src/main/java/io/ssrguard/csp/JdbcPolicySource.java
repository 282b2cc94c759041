package io.ssrguard.csp;

import io.ssrguard.http.LogSafe;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The policy from a database: the first column of the first row of a query,
 * for example {@code SELECT policy FROM ssrguard_csp_policy WHERE site = 'www'}
 * (one policy, or several in the form of {@link PolicyDocument}). A query with
 * two columns gives a policy per path: every row is (path pattern, policy), and
 * the row whose pattern is NULL, empty or {@code default} covers every other path,
 * for example {@code SELECT path, policy FROM ssrguard_csp_policies}.
 * The DataSource is looked up (JNDI) by whoever builds this source.
 */
public final class JdbcPolicySource implements PolicySource {

    /** The default query: a one-row, one-column table the operator or a CMS job writes. */
    public static final String DEFAULT_QUERY = "SELECT policy FROM ssrguard_csp_policy";
    /** In the two-column form, the pattern of the policy for every path (NULL and empty mean the same). */
    static final String DEFAULT_PATTERN = "default";

    private final DataSource dataSource;
    private final String query;
    private final int queryTimeoutSeconds;
    private final String name;

    /**
     * @param dataSource          where the policy lives
     * @param query               returns the policy in the first column of its first row
     * @param queryTimeoutSeconds bounds how long a refresh waits for the database
     * @param name                the DataSource's name for log lines (its JNDI name)
     */
    public JdbcPolicySource(DataSource dataSource, String query, int queryTimeoutSeconds, String name) {
        this.dataSource = dataSource;
        this.query = query;
        this.queryTimeoutSeconds = queryTimeoutSeconds;
        this.name = name;
    }

    @Override
    public PolicyFetch fetch(String knownVersion) throws PolicySourceException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setQueryTimeout(queryTimeoutSeconds);
            // One more row than the pack takes, so that a table that grew past it is refused, not cut.
            statement.setMaxRows(PathPolicies.MAX_PATHS + 2);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new PolicySourceException("the query returned no row");
                }
                if (rows.getMetaData().getColumnCount() >= 2) {
                    return byPath(rows);
                }
                String policy = rows.getString(1);
                if (policy == null) {
                    throw new PolicySourceException("the query returned NULL");
                }
                return PolicyDocument.parse(policy, null);
            }
        } catch (SQLException e) {
            throw new PolicySourceException("the query failed: " + e.getMessage(), e);
        }
    }

    /** Rows of (path pattern, policy); the row whose pattern is NULL, empty or {@code default} covers every other path. */
    private static PolicyFetch byPath(ResultSet rows) throws SQLException, PolicySourceException {
        String defaultPolicy = null;
        Map<String, String> paths = new LinkedHashMap<>();
        do {
            String pattern = rows.getString(1);
            String policy = rows.getString(2);
            // A NULL policy is refused with its pattern alone: the parser refuses the empty text.
            String text = policy == null ? "" : policy;
            if (pattern == null || pattern.isBlank() || pattern.strip().equals(DEFAULT_PATTERN)) {
                if (defaultPolicy != null) {
                    throw new PolicySourceException("the query returned more than one policy for every path");
                }
                defaultPolicy = text;
            } else if (paths.put(pattern.strip(), text) != null) {
                throw new PolicySourceException("the query returned the path pattern "
                        + LogSafe.printable(pattern, 100) + " twice");
            }
        } while (rows.next());
        if (defaultPolicy == null) {
            throw new PolicySourceException("the query returned no policy for every path (pattern NULL or 'default')");
        }
        return PolicyFetch.loaded(defaultPolicy, paths, null);
    }

    @Override
    public String description() {
        return "jdbc " + name;
    }
}
