package io.ssrguard.it.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.ssrguard.it.HttpSession;
import io.ssrguard.it.SampleDeployment;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The JDBC refresh-token store on a real PostgreSQL ({@link TestPostgres}), reached
 * through a DataSource the application declares, with a TCP proxy in between
 * that the test cuts: login, refresh, logout and transparent refresh answer 503
 * with Retry-After (not 401, not 500) while requests with a valid access token
 * keep working, and all works again, without a restart, once the database is
 * back. Run on a pool that validates connections ({@link RefreshStoreOutageIT})
 * and on one that does not ({@link UnvalidatedPoolOutageIT}), where only the
 * store's aborting of failed connections lets the pool recover.
 */
abstract class StoreOutageScenario {

    static final String REFRESH = "__Host-ssrguard-rt";
    static final String ACCESS = "__Host-ssrguard-at";
    static TcpProxy proxy;

    @ArquillianResource
    URL base;

    /** The sample on the JDBC store, with a DataSource whose pool validates connections or not. */
    static WebArchive deployment(boolean validating) throws IOException {
        TestPostgres database = TestPostgres.server();
        proxy = new TcpProxy(database.host(), database.port());
        proxy.up();
        return onPostgres(database, proxy.port(), validating, Map.of());
    }

    /**
     * The sample on the JDBC store in a table set of its own, with a DataSource reaching {@code database}
     * at {@code 127.0.0.1:port} (its own port, or a proxy's) and further settings.
     */
    static WebArchive onPostgres(TestPostgres database, int port, boolean validating, Map<String, String> changes) {
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        String webFragment = """
                <web-fragment xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <name>ssrguard_test_datasource</name>
                  <data-source>
                    <name>java:app/jdbc/refresh</name>
                    <class-name>org.postgresql.ds.PGSimpleDataSource</class-name>
                    <server-name>127.0.0.1</server-name>
                    <port-number>%d</port-number>
                    <database-name>%s</database-name>
                    <user>%s</user>
                    <password>%s</password>
                    <property><name>connectTimeout</name><value>2</value></property>
                    <property><name>socketTimeout</name><value>5</value></property>
                    %s
                  </data-source>
                </web-fragment>
                """.formatted(port, xml(database.database()), xml(database.user()),
                // A data-source element needs a password; a trust-auth server ignores it.
                xml(database.password().isEmpty() ? "unused" : database.password()), validating
                ? """
                    <!-- As any production pool should: hand out only connections that still work. -->
                    <property><name>fish.payara.is-connection-validation-required</name><value>true</value></property>
                    <property><name>fish.payara.connection-validation-method</name><value>meta-data</value></property>
                    <property><name>fish.payara.fail-all-connections</name><value>true</value></property>"""
                : "<!-- No validation: the pool hands out whatever it holds. -->");
        JavaArchive fragment = ShrinkWrap.create(JavaArchive.class, "test-datasource.jar")
                .addAsManifestResource(new StringAsset(webFragment), "web-fragment.xml");
        Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "ssrguard.refresh.store", "jdbc",
                "ssrguard.refresh.datasource", "java:app/jdbc/refresh",
                "ssrguard.refresh.table-prefix", "it_" + UUID.randomUUID().toString().substring(0, 8),
                "ssrguard.refresh.secret", Base64.getEncoder().encodeToString(secret),
                "ssrguard.gate.enabled", "false"));
        settings.putAll(changes);
        return SampleDeployment.testDeployment("ROOT.war", settings)
                .addAsLibrary(fragment)
                .addAsLibrary(new File(System.getProperty("it.postgresqlJar")));
    }

    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @AfterAll
    static void stopProxy() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void refreshAnswers503DuringAnOutageWhileAccessWorksAndRecoversByItself() throws Exception {
        HttpSession alice = new HttpSession(base.toURI());
        assertEquals(200, alice.login("alice", "alice123").statusCode(), "the families are in PostgreSQL");
        String first = alice.cookie(REFRESH);
        assertEquals(200, alice.post("auth/refresh", "application/json", "").statusCode());
        assertNotEquals(first, alice.cookie(REFRESH), "rotated in the database");

        proxy.down();
        try {
            HttpResponse<String> refresh = alice.post("auth/refresh", "application/json", "");
            assertUnavailable(refresh, "refresh");
            assertEquals(200, alice.get("api/profile").statusCode(), "a valid access token needs no database");
            assertUnavailable(new HttpSession(base.toURI()).login("admin", "admin123"),
                    "a sign-in cannot start a family without the store");
            // The access cookie gone (expired): the mechanism's transparent refresh cannot renew it.
            HttpSession returning = new HttpSession(base.toURI()).cookie(REFRESH, alice.cookie(REFRESH));
            assertUnavailable(returning.get("api/profile"), "transparent refresh");
            // Alice's cookies on another client, so that her own session still has them for the recovery below.
            HttpSession leaving = new HttpSession(base.toURI()).cookie(ACCESS, alice.cookie(ACCESS))
                    .cookie(REFRESH, alice.cookie(REFRESH));
            assertUnavailable(leaving.post("auth/logout", "application/json", ""),
                    "a sign-out that cannot revoke the family says so");
        } finally {
            proxy.up();
        }

        // The pool notices the cut connections on first use; a few seconds at most.
        HttpResponse<String> recovered = alice.post("auth/refresh", "application/json", "");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (recovered.statusCode() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            recovered = alice.post("auth/refresh", "application/json", "");
        }
        assertEquals(200, recovered.statusCode(), "works again without a restart: " + recovered.body());
    }

    static void assertUnavailable(HttpResponse<String> response, String what) {
        assertEquals(503, response.statusCode(), what + ": " + response.body());
        assertEquals("{\"error\":\"unavailable\"}", response.body(), what);
        assertEquals("5", response.headers().firstValue("Retry-After").orElse(null), what);
    }
}
