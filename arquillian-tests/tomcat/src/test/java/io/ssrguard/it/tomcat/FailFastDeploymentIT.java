package io.ssrguard.it.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.it.HttpSession;
import io.ssrguard.it.SampleDeployment;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fail fast on Tomcat: settings that are not allowed stop the deployment, and
 * the log says which setting to fix. The deployments are unmanaged so that
 * the test deploys them itself. The embedded Tomcat runs in this JVM, so the
 * test reads the pack's log records directly; its Arquillian adapter does not
 * report a context that failed to start, so the test also checks that the
 * application is not serving.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FailFastDeploymentIT {

    private static final String INSECURE_COOKIES = "insecure-cookies";
    private static final String NO_CSRF_KEY = "no-csrf-key";
    private static final String MISSPELT = "misspelt-setting";
    private static final String NO_SECRETS = "no-secrets";
    private static final String NO_DATASOURCE = "no-datasource";
    private static final String SYNC_FILTER = "sync-filter";
    private static final String ABSOLUTE_ORDERING = "absolute-ordering";
    /** arquillian.xml's bindHttpPort, or Arquillian's system property that overrides it. */
    private static final URI TOMCAT = URI.create("http://127.0.0.1:"
            + System.getProperty("arq.container.tomcat.configuration.bindHttpPort", "38080") + "/");

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = INSECURE_COOKIES, managed = false, testable = false)
    static WebArchive insecureCookies() {
        return SampleDeployment.testDeployment(INSECURE_COOKIES + ".war", Map.of(
                "mp.config.profile", "prod",
                "ssrguard.cookies.secure", "false"));
    }

    @Deployment(name = NO_CSRF_KEY, managed = false, testable = false)
    static WebArchive noCsrfKey() {
        Map<String, String> settings = SampleDeployment.testSettings();
        settings.remove("ssrguard.csrf.keys");
        return SampleDeployment.withSettings(NO_CSRF_KEY + ".war", settings);
    }

    @Deployment(name = MISSPELT, managed = false, testable = false)
    static WebArchive misspeltSetting() {
        return SampleDeployment.testDeployment(MISSPELT + ".war", Map.of("ssrguard.csrf.enabeld", "true"));
    }

    /** The sample names its guarded paths, so the guard needs its secret too. */
    @Deployment(name = NO_SECRETS, managed = false, testable = false)
    static WebArchive noSecrets() {
        Map<String, String> settings = SampleDeployment.testSettings();
        settings.remove("ssrguard.keys.jwks");
        settings.remove("ssrguard.csrf.keys");
        settings.remove("ssrguard.guard.secrets");
        return SampleDeployment.withSettings(NO_SECRETS + ".war", settings);
    }

    /** The jdbc store on Tomcat, which defines no java:comp/DefaultDataSource. */
    @Deployment(name = NO_DATASOURCE, managed = false, testable = false)
    static WebArchive noDataSource() {
        return SampleDeployment.testDeployment(NO_DATASOURCE + ".war", Map.of(
                "ssrguard.refresh.store", "jdbc",
                "ssrguard.refresh.secret", "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA="));
    }

    /** The sample with its gate filter declared the way README's older snippet had it: without async support. */
    @Deployment(name = SYNC_FILTER, managed = false, testable = false)
    static WebArchive syncFilter() throws java.io.IOException {
        WebArchive war = SampleDeployment.testDeployment(SYNC_FILTER + ".war", Map.of());
        String webXml;
        try (java.io.InputStream in = war.get("WEB-INF/web.xml").getAsset().openStream()) {
            webXml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String gate = "<filter-class>io.ssrguard.gate.GateFilter</filter-class>";
        String changed = webXml.replaceAll(java.util.regex.Pattern.quote(gate) + "\\s*<async-supported>true</async-supported>", gate);
        if (changed.equals(webXml)) {
            throw new IllegalStateException("the sample's web.xml no longer declares the gate filter async-supported");
        }
        war.delete("WEB-INF/web.xml");
        return war.setWebXML(new org.jboss.shrinkwrap.api.asset.StringAsset(changed));
    }

    @Test
    void aPackFilterWithoutAsyncSupportIsNamedAtStart() {
        try (CapturedLog log = CapturedLog.start()) {
            deployer.deploy(SYNC_FILTER);
            List<String> messages = log.messages();
            String warning = "SSR Guard: filter 'ssrguard-gate' (io.ssrguard.gate.GateFilter) is declared in web.xml"
                    + " without async support";
            assertTrue(messages.stream().anyMatch(m -> m.startsWith(warning) && m.contains("<async-supported>true</async-supported>")),
                    "the start-up log names the filter and the line to add: " + messages);
            assertTrue(messages.stream().noneMatch(m -> m.contains("filter 'ssrguard-headers'")), "only the one that lacks it");
            HttpSession alice = new HttpSession(TOMCAT.resolve(SYNC_FILTER + "/"));
            assertEquals(200, alice.login("alice", "alice123").statusCode());
            assertEquals(500, alice.get("api/events").statusCode(), "what the warning is about: async behind it fails");
        } finally {
            deployer.undeploy(SYNC_FILTER);
        }
    }

    @Test
    void aMissingDataSourceNamesTheSettingToFix() {
        assertDeploymentFails(NO_DATASOURCE,
                "no DataSource at JNDI name 'java:comp/DefaultDataSource'",
                "set ssrguard.refresh.datasource (refresh-token store, ssrguard.refresh.store=jdbc)",
                "META-INF/context.xml");
    }

    @Test
    void everyMissingSecretIsNamedInOneMessage() {
        assertDeploymentFails(NO_SECRETS,
                "3 secrets are missing (profile test)",
                "(1) No token signing key is configured", "ssrguard.keys.jwks",
                "(2) CSRF protection is on but no encryption key is configured", "ssrguard.csrf.keys",
                "(3) the internal endpoint guard guards ssrguard.guard.paths but ssrguard.guard.secrets is not set",
                "java -jar filters-impl-<version>.jar secrets --profile test");
    }

    private static final String NAMED_ORDERING = "named-ordering";

    @Deployment(name = NAMED_ORDERING, managed = false, testable = false)
    static WebArchive namedOrdering() {
        return SampleDeployment.withAbsoluteOrderingNamingThePack(
                SampleDeployment.testDeployment(NAMED_ORDERING + ".war", Map.of("ssrguard.gate.enabled", "false")));
    }

    /**
     * The counterpart of the next test: an {@code <absolute-ordering>} that names the pack's fragment
     * ({@code <name>ssrguard</name>}) instead of {@code <others/>} starts the pack with its 401/403 error pages.
     */
    @Test
    void anOrderingThatNamesThePackStartsItWithItsRefusalPages() {
        deployer.deploy(NAMED_ORDERING);
        try {
            HttpSession alice = new HttpSession(TOMCAT.resolve(NAMED_ORDERING + "/"));
            assertEquals(302, alice.navigate("api/admin").statusCode());
            assertEquals(200, alice.login("alice", "alice123").statusCode());
            HttpResponse<String> page = alice.navigate("api/admin");
            assertEquals(403, page.statusCode());
            assertTrue(page.body().contains("<h1>Access denied</h1>"), page.body());
            assertEquals("{\"error\":\"forbidden\"}", alice.xhr("api/admin").body());
        } finally {
            deployer.undeploy(NAMED_ORDERING);
        }
    }

    /** A valid configuration, but web.xml's {@code <absolute-ordering/>} keeps the pack's initializer from running. */
    @Deployment(name = ABSOLUTE_ORDERING, managed = false, testable = false)
    static WebArchive absoluteOrdering() {
        return SampleDeployment.withAbsoluteOrdering(
                SampleDeployment.testDeployment(ABSOLUTE_ORDERING + ".war", Map.of()));
    }

    @Test
    void withoutThePacksInitializerTheFiltersRefuseToStartAndNothingIsServed() {
        try (CapturedLog log = CapturedLog.start()) {
            deployExpectingFailure(ABSOLUTE_ORDERING);
            List<String> messages = log.messages();
            assertTrue(messages.stream().anyMatch(m -> m.contains("SSR Guard did not start in this application")
                            && m.contains("io.ssrguard.headers.HeadersFilter") && m.contains("absolute-ordering")),
                    "the filter's refusal names itself and the likely cause; the log said: " + messages);
            HttpSession visitor = new HttpSession(TOMCAT.resolve(ABSOLUTE_ORDERING + "/"));
            assertNotEquals(200, visitor.get("health").statusCode(), "the application must not be serving");
            assertNotEquals(200, visitor.get("api/profile").statusCode(), "a protected path is not served");
            assertNotEquals(200, visitor.send(visitor.request("internal/diagnostics")
                    .header("X-Internal-Secret", SampleDeployment.GUARD_SECRET)).statusCode(),
                    "a guarded path is not served");
        } finally {
            undeployIfDeployed(ABSOLUTE_ORDERING);
        }
    }

    @Test
    void insecureCookiesOutsideDevStopTheDeployment() {
        assertDeploymentFails(INSECURE_COOKIES,
                "ssrguard.cookies.secure=false is allowed only in the 'dev' profile",
                "the active profile is prod");
    }

    @Test
    void csrfWithoutAKeyStopsTheDeployment() {
        assertDeploymentFails(NO_CSRF_KEY,
                "CSRF protection is on but no encryption key is configured (profile test)",
                "Set ssrguard.csrf.keys");
    }

    @Test
    void aMisspeltSettingStopsTheDeploymentNamingTheRightName() {
        assertDeploymentFails(MISSPELT,
                "unknown setting ssrguard.csrf.enabeld — did you mean ssrguard.csrf.enabled?");
    }

    private void assertDeploymentFails(String name, String... expected) {
        try (CapturedLog log = CapturedLog.start()) {
            deployExpectingFailure(name);
            String ours = log.first("SSR Guard cannot start, deployment stopped");
            for (String part : expected) {
                assertTrue(ours.contains(part), "'" + part + "' in: " + ours);
            }
            int status = new HttpSession(TOMCAT.resolve(name + "/")).get("health").statusCode();
            assertNotEquals(200, status, "the application must not be serving");
        } finally {
            undeployIfDeployed(name);
        }
    }

    private void deployExpectingFailure(String name) {
        try {
            deployer.deploy(name);
        } catch (RuntimeException e) {
            // Tomcat's adapter may or may not report the failed start; the log and the port tell.
        }
    }

    private void undeployIfDeployed(String name) {
        try {
            deployer.undeploy(name);
        } catch (RuntimeException e) {
            // nothing deployed
        }
    }
}
