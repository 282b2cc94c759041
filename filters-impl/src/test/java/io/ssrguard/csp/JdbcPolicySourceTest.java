package io.ssrguard.csp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
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
}
