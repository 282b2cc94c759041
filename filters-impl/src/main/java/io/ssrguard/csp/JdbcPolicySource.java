package io.ssrguard.csp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The policy from a database: the first column of the first row of a query,
 * for example {@code SELECT policy FROM ssrguard_csp_policy WHERE site = 'www'}.
 * The DataSource is looked up (JNDI) by whoever builds this source.
 */
public final class JdbcPolicySource implements PolicySource {

    /** The default query: a one-row, one-column table the operator or a CMS job writes. */
    public static final String DEFAULT_QUERY = "SELECT policy FROM ssrguard_csp_policy";

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
            statement.setMaxRows(1);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new PolicySourceException("the query returned no row");
                }
                String policy = rows.getString(1);
                if (policy == null) {
                    throw new PolicySourceException("the query returned NULL");
                }
                return PolicyFetch.loaded(policy, null);
            }
        } catch (SQLException e) {
            throw new PolicySourceException("the query failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        return "jdbc " + name;
    }
}
