package io.ssrguard.it.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.it.HttpSession;
import io.ssrguard.it.SampleDeployment;
import io.ssrguard.it.TestKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tomcat only, because a deployment costs about a second here: the pack's
 * per-profile defaults (docs/tiers.md) as a client sees them.
 * The sample is deployed four times, once per profile, without its demo
 * overrides of the dev row and with nothing but what the profile requires
 * (keys and secrets of the features it switches on), and each deployment is
 * probed for every feature:
 * <ul>
 *   <li>guard: {@code /internal/diagnostics} without the secret answers 404 (on) or 200 (off);</li>
 *   <li>headers: {@code X-Content-Type-Options} present or absent;</li>
 *   <li>CSP: {@code Content-Security-Policy} present or absent;</li>
 *   <li>CSRF: a signed-in user's {@code POST /api/notes} without a token gets 403 (on) or 201 (off).</li>
 * </ul>
 * The gate column is observed as a 302 to sign-in for an anonymous page load.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TierDefaultsIT {

    /** What a client observes of each feature. */
    record Features(boolean csrf, boolean gate, boolean csp, boolean guard, boolean headers) {
    }

    @ArquillianResource
    @OperateOnDeployment("dev")
    URL dev;

    @ArquillianResource
    @OperateOnDeployment("docker")
    URL docker;

    @ArquillianResource
    @OperateOnDeployment("test")
    URL test;

    @ArquillianResource
    @OperateOnDeployment("prod")
    URL prod;

    @Deployment(name = "dev", testable = false)
    static WebArchive devDeployment() {
        return tier("dev", Map.of());
    }

    @Deployment(name = "docker", testable = false)
    static WebArchive dockerDeployment() {
        return tier("docker", Map.of(
                "ssrguard.keys.jwks", TestKeys.deploymentJwks(),
                "ssrguard.guard.secrets", SampleDeployment.GUARD_SECRET));
    }

    @Deployment(name = "test", testable = false)
    static WebArchive testDeployment() {
        return tier("test", Map.of(
                "ssrguard.keys.jwks", TestKeys.deploymentJwks(),
                "ssrguard.guard.secrets", SampleDeployment.GUARD_SECRET,
                "ssrguard.csrf.keys", TestKeys.CSRF_KEY));
    }

    @Deployment(name = "prod", testable = false)
    static WebArchive prodDeployment() {
        return tier("prod", Map.of(
                "ssrguard.keys.jwks", TestKeys.deploymentJwks(),
                "ssrguard.guard.secrets", SampleDeployment.GUARD_SECRET,
                "ssrguard.csrf.keys", TestKeys.CSRF_KEY));
    }

    @Test
    void devSwitchesEveryFeatureOff() {
        assertEquals(new Features(false, false, false, false, false), observe(dev));
    }

    @Test
    void dockerHasGateGuardAndHeadersOnly() {
        assertEquals(new Features(false, true, false, true, true), observe(docker));
    }

    @Test
    void testHasEveryFeatureOn() {
        assertEquals(new Features(true, true, true, true, true), observe(test));
    }

    @Test
    void prodHasEverythingButTheGate() {
        assertEquals(new Features(true, false, true, true, true), observe(prod));
    }

    /**
     * The sample WAR in {@code profile}, with its {@code %dev.} demo overrides
     * taken out of its {@code microprofile-config.properties} so that the
     * pack's own defaults apply, and {@code settings} layered over it.
     */
    static WebArchive tier(String profile, Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.put("mp.config.profile", profile);
        WebArchive war = SampleDeployment.withSettings("tier-" + profile + ".war", all);
        String path = "/WEB-INF/classes/META-INF/microprofile-config.properties";
        String sampleConfig;
        try {
            sampleConfig = new String(war.get(path).getAsset().openStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String withoutDemoOverrides = sampleConfig.lines().filter(l -> !l.startsWith("%dev."))
                .collect(Collectors.joining("\n"));
        if (withoutDemoOverrides.equals(sampleConfig.lines().collect(Collectors.joining("\n")))) {
            throw new IllegalStateException("the sample's config has no %dev. overrides any more: revisit this test");
        }
        war.delete(path);
        return war.add(new StringAsset(withoutDemoOverrides), path);
    }

    static Features observe(URL url) {
        HttpSession visitor = session(url);
        HttpResponse<String> anonymousPage = visitor.send(visitor.request("").header("Accept", "text/html"));
        assertTrue(anonymousPage.statusCode() == 200 || anonymousPage.statusCode() == 302, "gate: " + anonymousPage.statusCode());
        boolean gate = anonymousPage.statusCode() == 302;
        if (gate) {
            assertTrue(anonymousPage.headers().firstValue("Location").orElse("").contains("/auth/sign-in?returnTo="), "the pack's sign-in page");
        }

        HttpSession alice = session(url);
        HttpResponse<String> login = alice.login("alice", "alice123");
        assertEquals(200, login.statusCode(), login.body());
        // Signed in, so that the gate (where it is on) lets every probe below through.
        HttpResponse<String> diagnostics = alice.get("internal/diagnostics");
        assertTrue(diagnostics.statusCode() == 404 || diagnostics.statusCode() == 200, "guard: " + diagnostics.statusCode());
        if (diagnostics.statusCode() == 200) {
            assertTrue(diagnostics.body().contains("\"uptimeMillis\""), diagnostics.body());
        }
        HttpResponse<String> page = alice.get("");
        assertEquals(200, page.statusCode());
        boolean headers = page.headers().firstValue("X-Content-Type-Options").isPresent();
        boolean csp = page.headers().firstValue("Content-Security-Policy").isPresent();

        alice.manualCsrf();
        HttpResponse<String> withoutToken = postNote(alice, null);
        assertTrue(withoutToken.statusCode() == 201 || withoutToken.statusCode() == 403, "CSRF: " + withoutToken.statusCode());
        boolean csrf = withoutToken.statusCode() == 403;
        if (csrf) {
            assertEquals("{\"error\":\"csrf\"}", withoutToken.body());
            assertEquals(201, postNote(alice, alice.csrfToken()).statusCode(), "control: the same request with the token");
        }
        return new Features(csrf, gate, csp, diagnostics.statusCode() == 404, headers);
    }

    private static HttpResponse<String> postNote(HttpSession session, String token) {
        HttpRequest.Builder request = session.request("api/notes").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"hi\"}"));
        if (token != null) {
            request.header("X-XSRF-TOKEN", token);
        }
        return session.send(request);
    }

    private static HttpSession session(URL url) {
        try {
            return new HttpSession(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
