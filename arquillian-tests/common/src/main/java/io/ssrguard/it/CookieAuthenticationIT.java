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
class CookieAuthenticationIT implements GuardMethodsTests {

    static final String ACCESS_COOKIE = "__Host-ssrguard-at";

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        // The gate is off here so that public pages can be seen anonymously; FilterChainIT covers the gate.
        return SampleDeployment.testDeployment("ROOT.war", Map.of(
                "ssrguard.gate.enabled", "false",
                "ssrguard.auth.bearer.enabled", "true",
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
        assertEquals(403, alice.get("api/admin").statusCode());

        HttpSession admin = browser();
        assertEquals(200, admin.login("admin", "admin123").statusCode());
        HttpResponse<String> response = admin.get("api/admin");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"admin\":\"admin\""), response.body());
        assertEquals("{\"name\":\"admin\",\"admin\":true}", admin.get("api/profile").body());
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
        assertEquals(200, ok.statusCode(), ok.body());
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
