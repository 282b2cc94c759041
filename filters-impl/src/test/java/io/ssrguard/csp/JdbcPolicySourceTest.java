package io.ssrguard.csp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcPolicySourceTest {

    JdbcDataSource dataSource;

    @BeforeEach
    void database() throws Exception {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:csp" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ssrguard_csp_policy (policy VARCHAR(4096))");
        }
    }

    void execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void firstColumnOfTheFirstRowIsThePolicyAndChangesAreSeen() throws Exception {
        JdbcPolicySource source = new JdbcPolicySource(dataSource, JdbcPolicySource.DEFAULT_QUERY, 5, "jdbc/csp");
        execute("INSERT INTO ssrguard_csp_policy VALUES ('default-src ''self''')");
        assertEquals("default-src 'self'", ((PolicyFetch.Loaded) source.fetch(null)).policy());
        execute("UPDATE ssrguard_csp_policy SET policy = 'img-src *'");
        assertEquals("img-src *", ((PolicyFetch.Loaded) source.fetch(null)).policy());
    }

    @Test
    void emptyTableNullAndBrokenQueryAreFailures() throws Exception {
        JdbcPolicySource source = new JdbcPolicySource(dataSource, JdbcPolicySource.DEFAULT_QUERY, 5, "jdbc/csp");
        assertTrue(assertThrows(PolicySourceException.class, () -> source.fetch(null)).getMessage().contains("no row"));
        execute("INSERT INTO ssrguard_csp_policy VALUES (NULL)");
        assertTrue(assertThrows(PolicySourceException.class, () -> source.fetch(null)).getMessage().contains("NULL"));
        JdbcPolicySource broken = new JdbcPolicySource(dataSource, "SELECT nope FROM nowhere", 5, "jdbc/csp");
        assertTrue(assertThrows(PolicySourceException.class, () -> broken.fetch(null)).getMessage().contains("query failed"));
    }

    @Test
    void twoColumnsArePolicyByPathWithTheNullOrDefaultRowForEveryOtherPath() throws Exception {
        execute("CREATE TABLE ssrguard_csp_policies (path VARCHAR(200), policy VARCHAR(4096))");
        execute("INSERT INTO ssrguard_csp_policies VALUES (NULL, 'default-src ''self''')");
        execute("INSERT INTO ssrguard_csp_policies VALUES ('/embed/*', 'frame-ancestors ''self''')");
        execute("INSERT INTO ssrguard_csp_policies VALUES ('/broken/*', NULL)");
        JdbcPolicySource source = new JdbcPolicySource(dataSource, "SELECT path, policy FROM ssrguard_csp_policies", 5, "jdbc/csp");
        PolicyFetch.Loaded loaded = (PolicyFetch.Loaded) source.fetch(null);
        assertEquals("default-src 'self'", loaded.policy());
        assertEquals(Map.of("/embed/*", "frame-ancestors 'self'", "/broken/*", ""), loaded.paths(),
                "a NULL policy is left for the pack to refuse alone");

        execute("UPDATE ssrguard_csp_policies SET path = 'default' WHERE path IS NULL");
        assertEquals("default-src 'self'", ((PolicyFetch.Loaded) source.fetch(null)).policy());

        execute("DELETE FROM ssrguard_csp_policies WHERE path = 'default'");
        assertTrue(assertThrows(PolicySourceException.class, () -> source.fetch(null)).getMessage()
                .contains("no policy for every path"));
    }

    @Test
    void oneColumnMayHoldAPolicyDocument() throws Exception {
        execute("INSERT INTO ssrguard_csp_policy VALUES ('default-src ''self''' || CHAR(10) || '/embed/* frame-ancestors ''self''')");
        PolicyFetch.Loaded loaded = (PolicyFetch.Loaded) new JdbcPolicySource(dataSource, JdbcPolicySource.DEFAULT_QUERY, 5,
                "jdbc/csp").fetch(null);
        assertEquals("default-src 'self'", loaded.policy());
        assertEquals(Map.of("/embed/*", "frame-ancestors 'self'"), loaded.paths());
    }
}
