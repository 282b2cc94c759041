package io.ssrguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * httpOnly cookie authentication on a real container, in the {@code test}
 * profile (so cookies are Secure and prefixed), over real HTTP.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CookieAuthenticationIT implements SignInPageTests, GuardMethodsTests, PasskeyTests {

    static final String ACCESS_COOKIE = "__Host-ssrguard-at";

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        // The gate is off here so that public pages can be seen anonymously; FilterChainIT covers the gate.
        return SampleDeployment.testDeployment("ROOT.war", Map.of(
                "ssrguard.gate.enabled", "false",
                "ssrguard.auth.bearer.enabled", "true",
                "ssrguard.passkeys.enabled", "true",
                // Every test here is one client (127.0.0.1) and PasskeyTests makes about 60 ceremony requests in
                // well under a minute, the default limit. ShortTtlIT tests the limit.
                "ssrguard.passkeys.requests-per-minute", "1000",
                // Short, so that the cut-off body test waits 2 s instead of the default 10.
                "ssrguard.http.body-timeout", "2"));
    }

    @Override
    public java.net.URI base() {
        try {
            return base.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpSession browser() throws Exception {
        return new HttpSession(base.toURI());
    }

    /**
     * A client that announces 100 bytes, sends 7 and waits (or trickles its body): at the 2 s deadline it gets 408
     * with the pack's JSON (not a 500 naming an exception after the container's 60 s read timeout),
     * on the login endpoint (with a valid CSRF token, so the body is reached) and on the CSP collector.
     */
    @Test
    void cutOffOrTrickledBodyGets408WithinTheDeadline() throws Exception {
        HttpSession browser = browser().userAgent("ssrguard-it-raw");
        browser.get("auth/csrf");
        String csrfCookie = "__Host-ssrguard-csrf";
        String host = base.getHost() + ":" + base.getPort();
        String login = "POST /auth/login HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json"
                + "\r\nContent-Length: 100\r\nCookie: " + csrfCookie + "=" + browser.cookie(csrfCookie)
                + "\r\nX-XSRF-TOKEN: " + browser.csrfToken() + "\r\nUser-Agent: ssrguard-it-raw";
        String report = "POST /csp-report HTTP/1.1\r\nHost: " + host
                + "\r\nContent-Type: application/csp-report\r\nContent-Length: 100";
        for (String head : List.of(login, report)) {
            RawHttp.Answer answer = RawHttp.exchange(base.toURI(), head, "{\"user", Duration.ofSeconds(8));
            String what = head.substring(0, head.indexOf(" HTTP")) + ": " + answer.head() + answer.body();
            assertEquals(408, answer.status(), what);
            assertEquals("{\"error\":\"body_timeout\"}", answer.body(), what);
            assertFalse((answer.head() + answer.body()).contains("Exception"), what);
            assertTrue(answer.took().compareTo(Duration.ofMillis(1500)) > 0, "waited for the body: " + answer.took());
            assertTrue(answer.took().compareTo(Duration.ofSeconds(5)) < 0, "answered at the deadline: " + answer.took());
        }
        // Trickled, a byte every 300 ms: the deadline is for the whole body, so it ends the same way.
        RawHttp.Answer trickled = RawHttp.trickle(base.toURI(), report.replace("Content-Length: 100",
                "Content-Length: 1000"), Duration.ofMillis(300), Duration.ofSeconds(8));
        assertEquals(408, trickled.status(), trickled.head() + trickled.body());
        assertEquals("{\"error\":\"body_timeout\"}", trickled.body());
        assertTrue(trickled.took().compareTo(Duration.ofSeconds(5)) < 0, "answered at the deadline: " + trickled.took());
        // The worker threads were not held: the application still answers at once.
        assertEquals(200, browser.login("alice", "alice123").statusCode());
    }

    @Test
    void loginSetsHttpOnlySecureHostCookieWithVerifiableToken() throws Exception {
        HttpSession browser = browser();
        HttpResponse<String> login = browser.login("alice", "alice123");

        assertEquals(200, login.statusCode(), login.body());
        assertTrue(login.body().contains("\"name\":\"alice\""), login.body());
        SetCookie cookie = SetCookie.of(login, ACCESS_COOKIE);
        assertTrue(cookie.has("HttpOnly"), "HttpOnly");
        assertTrue(cookie.has("Secure"), "Secure outside dev");
        assertEquals("Lax", cookie.attribute("SameSite"));
        assertEquals("/", cookie.attribute("Path"));
        assertFalse(cookie.has("Domain"), "no Domain on a __Host- cookie");

        SignedJWT jwt = SignedJWT.parse(cookie.value());
        assertTrue(jwt.verify(new ECDSAVerifier(TestKeys.SIGNING.toECPublicKey())), "signed by the configured key");
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals("it-signing", jwt.getHeader().getKeyID());
        assertEquals("alice", claims.getSubject());
        assertEquals("alice", claims.getStringClaim("upn"));
        assertEquals(List.of("user"), claims.getStringListClaim("groups"));
        assertEquals(ForgedTokens.ISSUER, claims.getIssuer());
        assertEquals(List.of(ForgedTokens.AUDIENCE), claims.getAudience());
        assertNotNull(claims.getJWTID());
        assertNotNull(claims.getStringClaim("sid"));
        long ttl = Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()).toMinutes();
        assertEquals(15, ttl, "default access-token lifetime");
    }

    @Test
    void cookieOpensMeAndProfileAndItsAbsenceGets401() throws Exception {
        HttpSession anonymous = browser();
        assertUnauthorized(anonymous.get("auth/me"));
        assertUnauthorized(anonymous.get("api/profile"));
        assertUnauthorized(anonymous.get("api/admin"));

        HttpSession alice = browser();
        assertEquals(200, alice.login("alice", "alice123").statusCode());
        HttpResponse<String> me = alice.get("auth/me");
        assertEquals(200, me.statusCode());
        assertEquals("{\"name\":\"alice\",\"groups\":[\"user\"]}", me.body());
        HttpResponse<String> profile = alice.get("api/profile");
        assertEquals(200, profile.statusCode());
        assertEquals("{\"name\":\"alice\",\"admin\":false}", profile.body());
    }

    @Test
    void adminNeedsTheAdminGroup() throws Exception {
        HttpSession alice = browser();
        alice.login("alice", "alice123");
        HttpResponse<String> forbidden = alice.get("api/admin");
        assertEquals(403, forbidden.statusCode());
        assertEquals("{\"error\":\"forbidden\"}", forbidden.body(), "the pack's JSON, not the container's page");

        HttpSession admin = browser();
        assertEquals(200, admin.login("admin", "admin123").statusCode());
        HttpResponse<String> response = admin.get("api/admin");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"admin\":\"admin\""), response.body());
        assertEquals("{\"name\":\"admin\",\"admin\":true}", admin.get("api/profile").body());
    }

    /**
     * A browser opening a constrained page without a session is sent to the gate's sign-in location with the way
     * back, although the gate is off here (on Payara and WildFly by the mechanism for the sample's
     * {@code <security-constraint>}, on Tomcat by {@code AuthFilter} for {@code ssrguard.auth.constraints});
     * a script asking the same gets the JSON 401.
     */
    @Test
    void anonymousNavigationToAConstrainedPageGoesToSignInAndScriptsGet401() throws Exception {
        HttpResponse<String> page = browser().navigate("api/admin?view=all&q=%2F");
        assertTrue(page.statusCode() == 302 || page.statusCode() == 303, page.statusCode() + " " + page.body());
        assertEquals("/auth/sign-in?returnTo=%2Fapi%2Fadmin%3Fview%3Dall%26q%3D%252F", pathAndQuery(page));
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""), "never cached");
        assertTrue(page.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith(ACCESS_COOKIE)));

        // A browser without Fetch Metadata: Accept says it wants a page.
        HttpResponse<String> older = browser().send(browser().request("api/profile").header("Accept", "text/html"));
        assertEquals(302, older.statusCode(), older.body());
        assertEquals("/auth/sign-in?returnTo=%2Fapi%2Fprofile", pathAndQuery(older));

        for (String path : List.of("api/admin", "api/profile")) {
            HttpResponse<String> script = browser().xhr(path);
            assertUnauthorized(script);
            assertEquals("application/json;charset=UTF-8", contentType(script), path);
            // fetch() asking for HTML is still a script, not a navigation.
            assertUnauthorized(browser().send(browser().request(path).header("Sec-Fetch-Mode", "cors")
                    .header("Accept", "text/html")));
        }
        assertEquals(200, browser().navigate("").statusCode(), "a page without a constraint is served anonymously");
    }

    /**
     * A signed-in caller without the role: a navigation gets the pack's HTML 403 page, a script the pack's JSON 403,
     * with the same status, headers and body on every container (not the container's own error page).
     */
    @Test
    void aCallerWithoutTheRoleGetsThePacksHtmlPageWhenNavigatingAndJsonOtherwise() throws Exception {
        HttpSession alice = browser();
        assertEquals(200, alice.login("alice", "alice123").statusCode());

        HttpResponse<String> page = alice.navigate("api/admin");
        assertEquals(403, page.statusCode(), page.body());
        assertEquals("text/html;charset=UTF-8", contentType(page));
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""), "security headers kept");
        assertTrue(page.body().startsWith("<!DOCTYPE html>"), page.body());
        assertTrue(page.body().contains("<h1>Access denied</h1>"), page.body());
        assertTrue(page.body().contains("href=\"/auth/sign-in?returnTo=%2Fapi%2Fadmin\""), page.body());
        String nonce = page.headers().firstValue("Content-Security-Policy").orElse("")
                .replaceFirst("(?s).*'nonce-([^']+)'.*", "$1");
        assertTrue(page.body().contains("<style nonce=\"" + nonce + "\">"), "its style is allowed by its CSP: " + nonce);
        for (String container : List.of("Payara", "GlassFish", "WildFly", "Undertow", "Tomcat", "Grizzly")) {
            assertFalse(page.body().contains(container), "the container's own page: " + page.body());
        }
        assertNoLeak(page);

        HttpResponse<String> script = alice.xhr("api/admin");
        assertEquals(403, script.statusCode());
        assertEquals("{\"error\":\"forbidden\"}", script.body());
        assertEquals("application/json;charset=UTF-8", contentType(script));
        assertEquals("no-store", script.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("nosniff", script.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertTrue(script.headers().firstValue("WWW-Authenticate").isEmpty());

        assertEquals(200, alice.navigate("api/profile").statusCode(), "a page alice may open is served");
    }

    static String pathAndQuery(HttpResponse<String> redirect) {
        java.net.URI location = java.net.URI.create(redirect.headers().firstValue("Location").orElseThrow());
        return location.getRawPath() + "?" + location.getRawQuery();
    }

    /** The media type as the client sees it, spaces dropped (containers differ only in those). */
    static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("").replace(" ", "");
    }

    @Test
    void logoutClearsTheCookieWithTheSameAttributes() throws Exception {
        HttpSession alice = browser();
        alice.login("alice", "alice123");
        String token = alice.cookie(ACCESS_COOKIE);

        HttpResponse<String> logout = alice.post("auth/logout", "application/json", "");
        assertEquals(200, logout.statusCode());
        assertEquals("{\"signedOut\":true,\"everywhere\":false}", logout.body(), "the same bytes on every start");
        SetCookie cleared = SetCookie.of(logout, ACCESS_COOKIE);
        assertEquals("", cleared.value());
        assertEquals("0", cleared.attribute("Max-Age"));
        assertTrue(cleared.has("HttpOnly") && cleared.has("Secure"));
        assertEquals("/", cleared.attribute("Path"));
        assertEquals("Lax", cleared.attribute("SameSite"));
        assertUnauthorized(alice.get("auth/me"));
        assertNotNull(token);
        // A copy of the access cookie kept after sign-out (another tab, a stolen cookie) dies at once on this node.
        assertUnauthorized(browser().cookie(ACCESS_COOKIE, token).get("auth/me"));
    }

    @Test
    void badCredentialsGetOneUniform401() throws Exception {
        HttpResponse<String> wrongPassword = browser().login("alice", "wrong");
        HttpResponse<String> unknownUser = browser().login("mallory", "alice123");
        assertEquals(401, wrongPassword.statusCode());
        assertEquals(401, unknownUser.statusCode());
        assertEquals(wrongPassword.body(), unknownUser.body(), "no hint whether the user exists");
        assertTrue(wrongPassword.headers().allValues("Set-Cookie").isEmpty(), "no cookie on failure");
    }

    @Test
    void formLoginWorksAndMalformedBodiesGet4xx() throws Exception {
        HttpSession form = browser();
        HttpResponse<String> ok = form.post("auth/login", "application/x-www-form-urlencoded",
                "username=admin&password=admin123&rememberMe=on");
        assertEquals(303, ok.statusCode(), "a form gets the form answer: " + ok.body());
        assertEquals(200, form.get("api/admin").statusCode());

        assertEquals(400, browser().postJson("auth/login", "{\"username\":\"alice\"").statusCode());
        assertEquals(400, browser().postJson("auth/login", "[1,2]").statusCode());
        assertEquals(400, browser().postJson("auth/login", "{\"username\":\"alice\"}").statusCode());
        assertEquals(400, browser().postJson("auth/login", "{\"username\":1,\"password\":2}").statusCode());
        assertEquals(415, browser().post("auth/login", "text/plain", "alice:alice123").statusCode());
        assertEquals(413, browser().postJson("auth/login", "{\"username\":\"" + "a".repeat(9000) + "\"}").statusCode());
        assertEquals(405, browser().get("auth/login").statusCode());
    }

    @Test
    void everyBadTokenGets401AndNeverA500() throws Exception {
        HttpSession alice = browser();
        alice.login("alice", "alice123");
        String real = alice.cookie(ACCESS_COOKIE);
        Instant now = Instant.now();

        Map<String, String> bad = Map.ofEntries(
                Map.entry("tampered payload", ForgedTokens.tamperedPayload(real)),
                Map.entry("tampered signature", ForgedTokens.tamperedSignature(real)),
                Map.entry("alg none", ForgedTokens.unsigned()),
                Map.entry("HS256 keyed with the ES256 public key", ForgedTokens.algorithmConfusion()),
                Map.entry("expired", ForgedTokens.signedByDeploymentKey(c -> c
                        .issueTime(Date.from(now.minusSeconds(3600))).expirationTime(Date.from(now.minusSeconds(600))))),
                Map.entry("not yet valid", ForgedTokens.signedByDeploymentKey(c -> c
                        .notBeforeTime(Date.from(now.plusSeconds(600))))),
                Map.entry("wrong iss", ForgedTokens.signedByDeploymentKey(c -> c.issuer("https://evil.example"))),
                Map.entry("wrong aud", ForgedTokens.signedByDeploymentKey(c -> c.audience("another-app"))),
                Map.entry("unknown kid", ForgedTokens.signed(TestKeys.STRANGER, c -> c)),
                Map.entry("garbage", "not-a-jwt"),
                Map.entry("garbage with dots", "a.b.c"),
                // As large as Payara's default 8 KB request-header buffer lets through to the application.
                Map.entry("7.5 KB cookie", "A".repeat(7 * 1024 + 512)));

        // The forged but well-formed token is accepted, so the rejections below are about the one flaw each.
        HttpSession control = browser().cookie(ACCESS_COOKIE, ForgedTokens.signedByDeploymentKey(c -> c));
        assertEquals(200, control.get("api/profile").statusCode(), "control token");

        for (Map.Entry<String, String> e : bad.entrySet()) {
            HttpSession attacker = browser().cookie(ACCESS_COOKIE, e.getValue());
            for (String path : List.of("api/profile", "auth/me")) {
                HttpResponse<String> response = attacker.get(path);
                assertEquals(401, response.statusCode(), e.getKey() + " on " + path + ": " + response.body());
                assertUnauthorized(response);
            }
        }
    }

    @Test
    void cookieBeyondTheContainerHeaderLimitGetsA4xxNotA500() throws Exception {
        // Over Payara's 8 KB header buffer the container itself answers 400 before any filter runs.
        // WildFly (Undertow) takes request headers up to 1 MB: these cookies reach the pack, which must reject them itself.
        boolean reachesThePack = "wildfly".equals(System.getProperty("it.container"));
        for (int size : new int[] {8 * 1024, 16 * 1024}) {
            HttpResponse<String> response = browser().cookie(ACCESS_COOKIE, "A".repeat(size)).get("api/profile");
            if (reachesThePack) {
                assertUnauthorized(response);
            } else {
                assertTrue(response.statusCode() >= 400 && response.statusCode() < 500, size + " bytes: " + response.statusCode());
            }
            assertNoLeak(response);
        }
    }

    @Test
    void publicPagesServeAnonymousAndSignedInVisitors() throws Exception {
        HttpResponse<String> anonymous = browser().get("");
        assertEquals(200, anonymous.statusCode());
        assertTrue(anonymous.body().contains("Not signed in"));
        assertEquals(200, browser().cookie(ACCESS_COOKIE, "garbage").get("health").statusCode());

        HttpSession admin = browser();
        admin.login("admin", "admin123");
        assertTrue(admin.get("").body().contains("Signed in as admin (admin, user)"));
    }

    @Test
    void bearerTokensServeClientsWithoutCookies() throws Exception {
        HttpSession alice = browser();
        alice.login("alice", "alice123");
        String token = alice.cookie(ACCESS_COOKIE);
        HttpSession client = browser().manualCsrf();

        HttpResponse<String> profile = client.send(client.request("api/profile").header("Authorization", "Bearer " + token));
        assertEquals(200, profile.statusCode(), profile.body());
        assertEquals("{\"name\":\"alice\",\"admin\":false}", profile.body());
        assertEquals(403, client.send(client.request("api/admin").header("Authorization", "Bearer " + token)).statusCode());

        HttpResponse<String> note = client.send(client.request("api/notes").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(201, note.statusCode(), "a bearer-only request needs no CSRF token: " + note.body());

        String expired = ForgedTokens.signedByDeploymentKey(c -> c.issueTime(java.util.Date.from(Instant.now().minusSeconds(3600)))
                .expirationTime(java.util.Date.from(Instant.now().minusSeconds(600))));
        for (String bad : List.of(ForgedTokens.tamperedSignature(token), ForgedTokens.tamperedPayload(token), expired, "garbage")) {
            assertUnauthorized(client.send(client.request("api/profile").header("Authorization", "Bearer " + bad)));
        }

        HttpSession cookieAndBearer = browser().cookie(ACCESS_COOKIE, token).manualCsrf();
        HttpResponse<String> withCookie = cookieAndBearer.send(cookieAndBearer.request("api/notes")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(403, withCookie.statusCode(), "with a session cookie the cookie rules apply: CSRF token needed");
    }

    @Test
    void aValidBearerTokenDoesNotExemptTheLoginEndpointFromCsrf() throws Exception {
        HttpSession alice = browser();
        alice.login("alice", "alice123");
        String token = alice.cookie(ACCESS_COOKIE);
        HttpSession client = browser().manualCsrf();
        HttpResponse<String> login = client.send(client.request("auth/login").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"admin\",\"password\":\"admin123\"}")));
        assertEquals(403, login.statusCode(), "endpoints that issue session cookies are never exempt: " + login.body());
        assertEquals("{\"error\":\"csrf\"}", login.body());
        assertNull(client.cookie(ACCESS_COOKIE), "no session was started");
    }

    static void assertUnauthorized(HttpResponse<String> response) {
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("{\"error\":\"unauthorized\"}", response.body(), "the pack's uniform 401 body");
        assertNoLeak(response);
    }

    static void assertNoLeak(HttpResponse<String> response) {
        String body = response.body();
        for (String marker : Stream.of("Exception", "\tat ", "at io.", "at com.", "at java.", "Caused by").toList()) {
            assertFalse(body.contains(marker), "response leaks '" + marker + "': " + body);
        }
    }

}
