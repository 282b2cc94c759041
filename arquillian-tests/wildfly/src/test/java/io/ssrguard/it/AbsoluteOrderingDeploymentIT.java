package io.ssrguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
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
 * Fail closed on WildFly when the pack's initializer does not run: the sample,
 * validly configured, with {@code <absolute-ordering/>} in its {@code web.xml}.
 * Unmanaged, so that the test deploys it itself and reads the server log.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AbsoluteOrderingDeploymentIT {

    private static final String NAME = "absolute-ordering";
    /** arquillian.xml's jboss.http.port. */
    private static final URI BASE = URI.create("http://127.0.0.1:28080/" + NAME + "/");

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = NAME, managed = false, testable = false)
    static WebArchive deployment() {
        return SampleDeployment.withAbsoluteOrdering(SampleDeployment.testDeployment(NAME + ".war", Map.of()));
    }

    private static final String NAMED = "named-ordering";

    @Deployment(name = NAMED, managed = false, testable = false)
    static WebArchive namedOrdering() {
        return SampleDeployment.withAbsoluteOrderingNamingThePack(SampleDeployment.testDeployment(NAMED + ".war",
                Map.of("ssrguard.gate.enabled", "false")));
    }

    /**
     * An {@code <absolute-ordering>} that names the pack's fragment ({@code <name>ssrguard</name>}) instead of
     * {@code <others/>} brings in its initializer and its 401/403 error pages: constrained pages refuse as usual.
     */
    @Test
    void anOrderingThatNamesThePackKeepsItsRefusalPages() {
        deployer.deploy(NAMED);
        try {
            HttpSession alice = new HttpSession(URI.create("http://127.0.0.1:28080/" + NAMED + "/"));
            assertEquals(302, alice.navigate("api/admin").statusCode());
            assertEquals(200, alice.login("alice", "alice123").statusCode());
            HttpResponse<String> page = alice.navigate("api/admin");
            assertEquals(403, page.statusCode());
            assertTrue(page.body().contains("<h1>Access denied</h1>"), page.body());
            assertEquals("{\"error\":\"forbidden\"}", alice.xhr("api/admin").body());
        } finally {
            deployer.undeploy(NAMED);
        }
    }

    @Test
    void withoutThePacksInitializerEveryRequestIsRefusedWith503() throws Exception {
        ServerLog log = ServerLog.fromNow();
        deployer.deploy(NAME);
        try {
            HttpSession visitor = new HttpSession(BASE);
            for (HttpRequest.Builder request : List.of(
                    visitor.request("health"),
                    visitor.request("api/profile"),
                    visitor.request("internal/diagnostics").header("X-Internal-Secret", SampleDeployment.GUARD_SECRET),
                    visitor.request("api/notes").header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"x\"}")))) {
                HttpResponse<String> response = visitor.send(request);
                assertEquals(503, response.statusCode(), response.request().uri() + ": " + response.body());
                assertEquals("{\"error\":\"unavailable\"}", response.body(), response.request().uri().toString());
            }
            String output = log.sinceMark();
            String refusal = "io.ssrguard.auth.CookieAuthenticationMechanism refuses to run";
            int at = output.indexOf(refusal);
            assertTrue(at >= 0, "the mechanism logs why it refuses:\n" + output);
            assertEquals(-1, output.indexOf(refusal, at + 1), "once, not per request");
            assertTrue(output.contains("absolute-ordering"), "it names the likely cause");
        } finally {
            deployer.undeploy(NAME);
        }
    }
}
