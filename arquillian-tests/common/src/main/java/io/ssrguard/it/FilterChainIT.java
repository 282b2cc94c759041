package io.ssrguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pack's filter chain in the {@code test} profile, where every feature is on:
 * the site gate, the internal endpoint guard and the security headers here, CSRF
 * protection ({@link CsrfTests}), the CSP header and report collector
 * ({@link CspTests}), the sample's Faces page ({@link FacesTests}, Payara and WildFly), HTTP/2
 * ({@link Http2Tests}), every method on guarded paths ({@link GuardMethodsTests}) and the attack table
 * ({@link AttackTableTests}) in the same deployment, so that one server boot serves them all.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FilterChainIT implements CsrfTests, CspTests, Http2Tests, FacesTests, GuardMethodsTests, AttackTableTests {

    /** The headers and the default values the pack sends. */
    static final Map<String, String> SECURITY_HEADERS = new LinkedHashMap<>();

    static {
        SECURITY_HEADERS.put("X-Content-Type-Options", "nosniff");
        SECURITY_HEADERS.put("Referrer-Policy", "strict-origin-when-cross-origin");
        SECURITY_HEADERS.put("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
        SECURITY_HEADERS.put("Cross-Origin-Opener-Policy", "same-origin");
        SECURITY_HEADERS.put("Cross-Origin-Resource-Policy", "same-origin");
        SECURITY_HEADERS.put("X-Frame-Options", "DENY");
    }

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SampleDeployment.testDeployment("ROOT.war", Map.of(
                "ssrguard.headers.referrer-policy", "no-referrer",
                "ssrguard.headers.cross-origin-resource-policy", "off",
                "ssrguard.csrf.form-max-bytes", Integer.toString(CsrfTests.FORM_MAX_BYTES),
                "ssrguard.auth.forbidden-page", "/forbidden.html",
                // Short, so that the attack table's cut-off bodies wait 2 s instead of the default 10.
                "ssrguard.http.body-timeout", "2"))
                .add(new org.jboss.shrinkwrap.api.asset.StringAsset(Http2Tests.largeStatic()), Http2Tests.LARGE_STATIC);
    }

    @Override
    public java.net.URI base() {
        try {
            return base.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpSession visitor() throws Exception {
        return new HttpSession(base.toURI());
    }

    @Test
    void guardedPathIsIndistinguishableFromAnUnknownPath() throws Exception {
        HttpResponse<String> unknown = visitor().get("no-such-page-" + UUID.randomUUID());
        HttpResponse<String> guarded = visitor().get("internal/diagnostics");
        HttpResponse<String> wrongSecret = send(visitor().request("internal/diagnostics")
                .header("X-Internal-Secret", SampleDeployment.GUARD_SECRET + "x"));
        HttpResponse<String> guardedMissing = visitor().get("internal/" + UUID.randomUUID());

        assertEquals(401, unknown.statusCode(), "the gate answers an anonymous request before anything else");
        assertIndistinguishable(unknown, guarded, wrongSecret, guardedMissing);
    }

    @Test
    void guardedPathIsIndistinguishableFromAnUnknownPathForASignedInUserToo() throws Exception {
        HttpSession alice = visitor();
        assertEquals(200, alice.login("alice", "alice123").statusCode());
        HttpResponse<String> unknown = alice.get("no-such-page-" + UUID.randomUUID());
        assertEquals(404, unknown.statusCode(), "past the gate, an unknown path is the container's 404");
        assertIndistinguishable(unknown, alice.get("internal/diagnostics"), alice.get("internal/" + UUID.randomUUID()),
                send(alice.request("internal/diagnostics").header("X-Internal-Secret", "wrong-secret-0123456789")));
    }

    @SafeVarargs
    static void assertIndistinguishable(HttpResponse<String> unknown, HttpResponse<String>... others) {
        for (HttpResponse<String> r : others) {
            assertEquals(unknown.statusCode(), r.statusCode(), r.uri().toString());
            assertEquals(unknown.body(), r.body(), "same body as an unknown path: " + r.uri());
            assertEquals(unknown.headers().firstValue("Content-Type"), r.headers().firstValue("Content-Type"));
            assertEquals(headerNames(unknown), headerNames(r), "same set of headers: " + r.uri());
        }
    }

    @Test
    void theSecretOpensTheEndpointAndProbesSeeOnlyAStatus() throws Exception {
        HttpResponse<String> withSecret = send(visitor().request("internal/diagnostics")
                .header("X-Internal-Secret", SampleDeployment.GUARD_SECRET));
        assertEquals(200, withSecret.statusCode());
        assertTrue(withSecret.body().contains("\"uptimeMillis\""), withSecret.body());

        HttpResponse<String> probe = send(visitor().request("internal/diagnostics").header("User-Agent", "kube-probe/1.31"));
        assertEquals(200, probe.statusCode());
        assertEquals("{\"status\":\"UP\"}", probe.body(), "minimal status, no details");

        HttpResponse<String> probeElsewhere = send(visitor().request("internal/other").header("User-Agent", "kube-probe/1.31"));
        assertEquals(401, probeElsewhere.statusCode(), "probes reach only the probe paths; elsewhere the gate stops them");
        HttpResponse<String> notAProbe = send(visitor().request("internal/diagnostics").header("User-Agent", "curl/8.5"));
        assertEquals(401, notAProbe.statusCode());
    }

    @Test
    void securityHeadersCarryTheirConfiguredValues() throws Exception {
        for (String path : new String[] {"", "api/profile", "health", "auth/me"}) {
            HttpResponse<String> response = visitor().get(path);
            for (Map.Entry<String, String> h : SECURITY_HEADERS.entrySet()) {
                String expected = switch (h.getKey()) {
                    case "Referrer-Policy" -> "no-referrer";
                    case "Cross-Origin-Resource-Policy" -> null;
                    // The sample's CSP has frame-ancestors, which governs framing instead.
                    case "X-Frame-Options" -> null;
                    default -> h.getValue();
                };
                if (expected == null && h.getKey().equals("X-Frame-Options") && "payara".equals(System.getProperty("it.container"))) {
                    // Payara Micro adds its own X-Frame-Options: SAMEORIGIN to every response; the pack adds none.
                    assertEquals(java.util.List.of("SAMEORIGIN"), response.headers().allValues(h.getKey()), "Payara's own, on /" + path);
                } else if (expected == null) {
                    assertTrue(response.headers().allValues(h.getKey()).isEmpty(), h.getKey() + " switched off on /" + path);
                } else {
                    assertEquals(java.util.List.of(expected), response.headers().allValues(h.getKey()), h.getKey() + " on /" + path);
                }
            }
            assertTrue(response.headers().firstValue("Strict-Transport-Security").isEmpty(), "no HSTS over plain http");
            assertTrue(response.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"),
                    "X-Frame-Options is left out only because the CSP covers framing, on /" + path);
        }
    }

    @Test
    void theGateSendsNavigationsToSignInAndRefusesOtherRequests() throws Exception {
        HttpResponse<String> page = send(visitor().request("?tab=notes").header("Accept", "text/html,application/xhtml+xml"));
        assertEquals(302, page.statusCode());
        assertEquals(base.getPath() + "auth/sign-in?returnTo=%2F%3Ftab%3Dnotes", java.net.URI.create(
                page.headers().firstValue("Location").orElseThrow()).getRawPath() + "?"
                + java.net.URI.create(page.headers().firstValue("Location").orElseThrow()).getRawQuery());
        HttpResponse<String> fetchNavigation = send(visitor().request("login-required-page").header("Sec-Fetch-Mode", "navigate"));
        assertEquals(302, fetchNavigation.statusCode(), "Fetch Metadata says navigate, whatever Accept says");

        HttpResponse<String> xhr = send(visitor().request("").header("Accept", "application/json"));
        assertEquals(401, xhr.statusCode());
        assertEquals("{\"error\":\"unauthorized\"}", xhr.body());

        assertEquals(401, visitor().get("static/app.js").statusCode(), "static resources are behind the gate");
        assertEquals(302, send(visitor().request("static/app.js").header("Sec-Fetch-Mode", "navigate")).statusCode());
        assertEquals(200, visitor().get("auth/sign-in").statusCode(), "the pack's sign-in page is public");
        assertEquals(200, visitor().get("auth/sign-in.css").statusCode(), "and so is its stylesheet");
        assertEquals(200, visitor().get("health").statusCode(), "health is public");
        assertEquals(200, visitor().get("auth/csrf").statusCode(), "the pack's endpoints are public");
    }

    /**
     * With {@code ssrguard.auth.forbidden-page}, a navigation refused for want of a role gets the application's own
     * page, still with status 403, never cached; scripts keep the pack's JSON. Behind the gate, an anonymous
     * navigation to a constrained page goes to the same sign-in location as any other page.
     */
    @Test
    void aCallerWithoutTheRoleGetsTheApplicationsOwnForbiddenPage() throws Exception {
        HttpSession alice = visitor();
        assertEquals(200, alice.login("alice", "alice123").statusCode());
        HttpResponse<String> page = alice.navigate("api/admin");
        assertEquals(403, page.statusCode(), page.body());
        assertTrue(page.body().contains("<h1>Not for your account</h1>"), page.body());
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
        HttpResponse<String> script = alice.xhr("api/admin");
        assertEquals(403, script.statusCode());
        assertEquals("{\"error\":\"forbidden\"}", script.body());

        HttpResponse<String> anonymous = visitor().navigate("api/admin");
        assertEquals(302, anonymous.statusCode());
        assertEquals(base.getPath() + "auth/sign-in?returnTo=%2Fapi%2Fadmin",
                CookieAuthenticationIT.pathAndQuery(anonymous));
    }

    @Test
    void afterSignInTheOriginalPageAndStaticResourcesAreServed() throws Exception {
        HttpSession alice = visitor();
        assertEquals(200, alice.login("alice", "alice123").statusCode());
        HttpResponse<String> page = send(alice.request("?tab=notes").header("Accept", "text/html"));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Signed in as alice"));
        HttpResponse<String> script = alice.get("static/app.js");
        assertEquals(200, script.statusCode());
        assertTrue(script.body().contains("ssrGuardSample"));
    }

    @Test
    void bearerTokensAreRefusedWhenSwitchedOff() throws Exception {
        HttpSession alice = visitor();
        alice.login("alice", "alice123");
        HttpSession client = visitor();
        HttpResponse<String> response = client.send(client.request("api/profile")
                .header("Authorization", "Bearer " + alice.cookie("__Host-ssrguard-at")));
        assertEquals(401, response.statusCode(), "ssrguard.auth.bearer.enabled defaults to false");
    }

    @Test
    void publicHealthStaysOpen() throws Exception {
        HttpResponse<String> health = visitor().get("health");
        assertEquals(200, health.statusCode());
        assertFalse(health.body().contains("uptime"));
    }

    /**
     * Server-sent events from an async servlet through the whole chain (headers, CSP, gate, guard,
     * CSRF, and the authentication mechanism or AuthFilter): every filter and servlet of the pack
     * supports async, or the container answers 500. The events arrive one by one, each as it is
     * written, not as one buffered body.
     */
    @Test
    void serverSentEventsStreamThroughTheWholeChainToASignedInUser() throws Exception {
        HttpSession alice = visitor();
        assertEquals(200, alice.login("alice", "alice123").statusCode());
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        HttpResponse<java.util.stream.Stream<String>> stream = client.send(
                alice.request("api/events").header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"),
                stream.headers().toString());
        assertEquals("nosniff", stream.headers().firstValue("X-Content-Type-Options").orElse(null),
                "the headers filter ran");
        java.util.List<String> data = new java.util.ArrayList<>();
        java.util.List<Long> arrivals = new java.util.ArrayList<>();
        try (java.util.stream.Stream<String> lines = stream.body()) {
            lines.filter(l -> l.startsWith("data: ")).forEach(l -> {
                data.add(l);
                arrivals.add(System.nanoTime());
            });
        }
        assertEquals(java.util.List.of("data: {\"n\":1,\"user\":\"alice\"}", "data: {\"n\":2,\"user\":\"alice\"}",
                "data: {\"n\":3,\"user\":\"alice\"}", "data: {\"n\":4,\"user\":\"alice\"}"), data,
                "four events for the signed-in caller, then the stream completes");
        long spreadMillis = (arrivals.get(3) - arrivals.get(0)) / 1_000_000;
        // Written 250 ms apart: a buffered answer would deliver all four at once.
        assertTrue(spreadMillis >= 300, "events streamed one by one, first to last " + spreadMillis + " ms");

        assertEquals(401, send(visitor().request("api/events").header("Accept", "text/event-stream")).statusCode(),
                "no stream without a session");
    }

    static Set<String> headerNames(HttpResponse<?> response) {
        Set<String> names = new TreeSet<>();
        response.headers().map().keySet().forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
        return names;
    }

    static HttpResponse<String> send(java.net.http.HttpRequest.Builder request) {
        return new HttpSession(request.build().uri()).send(request);
    }
}
