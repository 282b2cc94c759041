package io.ssrguard.it.tomcat;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.it.HttpSession;
import io.ssrguard.it.SampleDeployment;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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

    /** A valid configuration, but web.xml's {@code <absolute-ordering/>} keeps the pack's initializer from running. */
    @Deployment(name = ABSOLUTE_ORDERING, managed = false, testable = false)
    static WebArchive absoluteOrdering() {
        return SampleDeployment.withAbsoluteOrdering(
                SampleDeployment.testDeployment(ABSOLUTE_ORDERING + ".war", Map.of()));
    }

    @Test
    void withoutThePacksInitializerTheFiltersRefuseToStartAndNothingIsServed() {
        List<String> messages = new CopyOnWriteArrayList<>();
        Handler capture = capture(messages);
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            try {
                deployer.deploy(ABSOLUTE_ORDERING);
            } catch (RuntimeException e) {
                // Tomcat's adapter may or may not report the failed start; the log and the port tell.
            }
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
            root.removeHandler(capture);
            try {
                deployer.undeploy(ABSOLUTE_ORDERING);
            } catch (RuntimeException e) {
                // nothing deployed
            }
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

    private void assertDeploymentFails(String name, String... expected) {
        List<String> messages = new CopyOnWriteArrayList<>();
        Handler capture = capture(messages);
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            try {
                deployer.deploy(name);
            } catch (RuntimeException e) {
                // Tomcat's adapter may or may not report the failed start; the log and the port tell.
            }
            String ours = messages.stream().filter(m -> m.startsWith("SSR Guard cannot start, deployment stopped"))
                    .findFirst().orElseThrow(() -> new AssertionError("our message is not logged; the log said: " + messages));
            for (String part : expected) {
                assertTrue(ours.contains(part), "'" + part + "' in: " + ours);
            }
            int status = new HttpSession(TOMCAT.resolve(name + "/")).get("health").statusCode();
            assertNotEquals(200, status, "the application must not be serving");
        } finally {
            root.removeHandler(capture);
            try {
                deployer.undeploy(name);
            } catch (RuntimeException e) {
                // nothing deployed
            }
        }
    }

    /** Collects every log record's message, and those of its causes, as Tomcat logs a filter's failure with it. */
    private static Handler capture(List<String> messages) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                messages.add(String.valueOf(record.getMessage()));
                for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                    messages.add(String.valueOf(t.getMessage()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }
}
