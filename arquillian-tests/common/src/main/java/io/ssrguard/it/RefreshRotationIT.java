package io.ssrguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Refresh-token rotation over real HTTP: short access tokens (2 s, no clock
 * skew) and a short grace window (3 s) so that expiry and reuse can be seen
 * without long waits. On Payara and WildFly the families live in the JDBC
 * store on the container's own default DataSource (H2); Tomcat has none, so
 * there the in-memory store serves.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RefreshRotationIT {

    static final String ACCESS = "__Host-ssrguard-at";
    static final String REFRESH = "__Host-ssrguard-rt";
    static final Duration ACCESS_TTL = Duration.ofSeconds(2);
    static final Duration GRACE = Duration.ofSeconds(3);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "ssrguard.auth.access-token-ttl", String.valueOf(ACCESS_TTL.toSeconds()),
                "ssrguard.auth.clock-skew", "0",
                "ssrguard.refresh.grace-window", String.valueOf(GRACE.toSeconds())));
        if (!"tomcat".equals(System.getProperty("it.container"))) {
            byte[] secret = new byte[32];
            new java.security.SecureRandom().nextBytes(secret);
            settings.put("ssrguard.refresh.store", "jdbc");
            settings.put("ssrguard.refresh.datasource", "java:comp/DefaultDataSource");
            settings.put("ssrguard.refresh.secret", java.util.Base64.getEncoder().encodeToString(secret));
        }
        return SampleDeployment.testDeployment("ROOT.war", settings);
    }

    HttpSession browser() throws Exception {
        return new HttpSession(base.toURI());
    }

    HttpSession signedIn(String user, String password, boolean rememberMe) throws Exception {
        HttpSession browser = browser();
        HttpResponse<String> login = browser.postJson("auth/login", "{\"username\":\"" + user + "\",\"password\":\""
                + password + "\",\"rememberMe\":" + rememberMe + "}");
        assertEquals(200, login.statusCode(), login.body());
        return browser;
    }

    /**
     * POSTs {@code /auth/refresh} presenting exactly {@code token}, with the CSRF
     * cookie and header of {@code owner} (bound to the same session), and nothing
     * else: no request before it that could refresh on its own.
     */
    HttpResponse<String> refreshWith(String token, HttpSession owner) throws Exception {
        HttpSession tab = browser().cookie(REFRESH, token)
                .cookie("__Host-ssrguard-csrf", owner.cookie("__Host-ssrguard-csrf")).manualCsrf();
        return tab.send(tab.request("auth/refresh").header("X-XSRF-TOKEN", owner.csrfToken())
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
    }

    static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    @Test
    void loginSetsAnHttpOnlyRefreshCookieScopedToTheApplication() throws Exception {
        HttpSession browser = browser();
        HttpResponse<String> session = browser.postJson("auth/login", "{\"username\":\"alice\",\"password\":\"alice123\"}");
        SetCookie refresh = SetCookie.of(session, REFRESH);
        assertTrue(refresh.has("HttpOnly") && refresh.has("Secure"));
        assertEquals("/", refresh.attribute("Path"), "scoped to the application, not to the refresh endpoint");
        assertEquals("Lax", refresh.attribute("SameSite"));
        assertFalse(refresh.has("Max-Age") || refresh.has("Expires"), "a session cookie without remember-me");
        assertTrue(refresh.value().length() >= 43, "at least 256 bits, base64url");

        HttpResponse<String> remembered = browser().postJson("auth/login",
                "{\"username\":\"alice\",\"password\":\"alice123\",\"rememberMe\":true}");
        long maxAge = Long.parseLong(SetCookie.of(remembered, REFRESH).attribute("Max-Age"));
        assertTrue(maxAge > Duration.ofDays(6).toSeconds(), "remember-me cookie is persistent: " + maxAge);
    }

    @Test
    void refreshRotatesAndAReplayInsideTheGraceWindowGetsTheSameSuccessor() throws Exception {
        HttpSession alice = signedIn("alice", "alice123", false);
        String first = alice.cookie(REFRESH);

        HttpResponse<String> rotated = alice.post("auth/refresh", "application/json", "");
        assertEquals(200, rotated.statusCode(), rotated.body());
        String second = SetCookie.of(rotated, REFRESH).value();
        assertNotEquals(first, second);
        assertNotNull(SetCookie.of(rotated, ACCESS).value());

        // The SSR server presented the old token too, at the same moment: it gets the same successor.
        HttpResponse<String> replay = refreshWith(first, alice);
        assertEquals(200, replay.statusCode(), replay.body());
        assertEquals(second, SetCookie.of(replay, REFRESH).value(), "never a second successor, never the old token");
    }

    @Test
    void reuseAfterTheGraceWindowRevokesTheWholeFamily() throws Exception {
        HttpSession alice = signedIn("alice", "alice123", false);
        String stolen = alice.cookie(REFRESH);
        assertEquals(200, alice.post("auth/refresh", "application/json", "").statusCode());
        String successor = alice.cookie(REFRESH);
        sleep(GRACE.plusMillis(500));

        HttpResponse<String> thief = refreshWith(stolen, alice);
        assertEquals(401, thief.statusCode(), "reuse");
        assertEquals("0", SetCookie.of(thief, REFRESH).attribute("Max-Age"), "the cookies are cleared");

        HttpResponse<String> victim = refreshWith(successor, alice);
        assertEquals(401, victim.statusCode(), "the successor is revoked with its family");
    }

    @Test
    void anExpiredAccessCookieIsRenewedOnThePageRequestItself() throws Exception {
        HttpSession alice = signedIn("alice", "alice123", false);
        String oldAccess = alice.cookie(ACCESS);
        sleep(ACCESS_TTL.plusMillis(1200));

        HttpResponse<String> page = alice.get("api/profile");
        assertEquals(200, page.statusCode(), "served, not bounced to sign-in: " + page.body());
        assertNotEquals(oldAccess, SetCookie.of(page, ACCESS).value(), "new access cookie on the same response");
        SetCookie.of(page, REFRESH);

        HttpSession withoutRefresh = browser().cookie(ACCESS, oldAccess);
        CookieAuthenticationIT.assertUnauthorized(withoutRefresh.get("api/profile"));
    }

    @Test
    void aRememberedUserIsSignedInSilentlyOnTheFirstPage() throws Exception {
        HttpSession remembered = signedIn("admin", "admin123", true);
        HttpSession reopenedBrowser = browser().cookie(REFRESH, remembered.cookie(REFRESH));

        HttpResponse<String> me = reopenedBrowser.get("auth/me");
        assertEquals(200, me.statusCode(), me.body());
        assertTrue(me.body().contains("\"name\":\"admin\""));
        assertEquals(200, reopenedBrowser.get("api/admin").statusCode(), "groups survive the refresh");
    }

    @Test
    void logoutEverywhereEndsEveryDevice() throws Exception {
        HttpSession laptop = signedIn("alice", "alice123", true);
        HttpSession phone = signedIn("alice", "alice123", true);
        HttpSession otherUser = signedIn("admin", "admin123", true);

        HttpResponse<String> out = laptop.post("auth/logout?all=true", "application/json", "");
        assertEquals(200, out.statusCode(), out.body());
        assertEquals("{\"signedOut\":true,\"everywhere\":true}", out.body());
        assertEquals("0", SetCookie.of(out, REFRESH).attribute("Max-Age"));

        assertEquals(401, refreshWith(phone.cookie(REFRESH), phone).statusCode(), "the phone's family is revoked too");
        assertEquals(200, refreshWith(otherUser.cookie(REFRESH), otherUser).statusCode(),
                "another user's sessions are untouched");
    }

    @Test
    void badRefreshCookiesGet401NeverA500() throws Exception {
        HttpSession revoked = signedIn("admin", "admin123", false);
        String revokedToken = revoked.cookie(REFRESH);
        revoked.post("auth/logout", "application/json", "");

        for (String bad : List.of("garbage", "A".repeat(43), "A".repeat(7 * 1024 + 512), revokedToken)) {
            HttpResponse<String> response = browser().cookie(REFRESH, bad).post("auth/refresh", "application/json", "");
            assertEquals(401, response.statusCode(), bad.length() + " chars: " + response.body());
            CookieAuthenticationIT.assertNoLeak(response);
        }
        assertEquals(401, browser().post("auth/refresh", "application/json", "").statusCode(), "missing");
        // Another user's revoked token never signs anyone in through a page request either.
        CookieAuthenticationIT.assertUnauthorized(browser().cookie(REFRESH, revokedToken).get("api/profile"));
    }

    @Test
    void twentyConcurrentRefreshesConvergeOnOneSuccessor() throws Exception {
        HttpSession alice = signedIn("alice", "alice123", false);
        String token = alice.cookie(REFRESH);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(() -> refreshWith(token, alice));
            }
            Set<String> successors = new HashSet<>();
            for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
                HttpResponse<String> r = f.get();
                assertEquals(200, r.statusCode(), r.body());
                successors.add(SetCookie.of(r, REFRESH).value());
            }
            assertEquals(1, successors.size(), "every response carries the one successor");
            assertFalse(successors.contains(token));
            String successor = successors.iterator().next();
            assertEquals(200, refreshWith(successor, alice).statusCode(), "the family is intact");
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * docs/csrf.md's {@code backendFetch}, run on Node.js as a Nuxt server runs it: a page
     * rendered after the access token expired makes the backend refresh inline, and the
     * snippet hands the rotated cookies back to the browser, whose session then outlives
     * the grace window. The control is the footgun the snippet avoids: an SSR server that
     * forwards cookies but drops the backend's Set-Cookie leaves its browser with the old
     * refresh token, which after the grace window is reuse and ends the session.
     */
    @Test
    void theNuxtSnippetHandsAnSsrSideRefreshBackAndTheSessionSurvives() throws Exception {
        HttpSession alice = signedIn("alice", "alice123", false).userAgent("Mozilla/5.0 (X11; Linux x86_64) Nuxt-test");
        HttpSession admin = signedIn("admin", "admin123", false).userAgent("Mozilla/5.0 (X11; Linux x86_64) Nuxt-test");
        String aliceRefresh = alice.cookie(REFRESH);
        sleep(ACCESS_TTL.plusMillis(1200)); // both access tokens have expired

        NodeSsrFetch.Render render = NodeSsrFetch.render(base.toURI(), "api/profile", alice);
        assertEquals(200, render.backendStatus(), "the SSR call was served, refreshing inline");
        render.setCookies().forEach(alice::receive);
        assertNotEquals(aliceRefresh, alice.cookie(REFRESH), "the browser holds the rotated refresh token");
        NodeSsrFetch.Render dropped = NodeSsrFetch.render(base.toURI(), "api/profile", admin);
        assertEquals(200, dropped.backendStatus());
        assertTrue(dropped.setCookies().stream().anyMatch(c -> c.startsWith(REFRESH + "=")), dropped.setCookies().toString());

        sleep(GRACE.plusMillis(500)); // past the grace window: the old refresh token is now reuse
        HttpResponse<String> next = alice.get("api/profile");
        assertEquals(200, next.statusCode(), "the browser's next page after the grace window: " + next.body());
        assertTrue(next.body().contains("alice"), next.body());
        CookieAuthenticationIT.assertUnauthorized(admin.get("api/profile"));
    }
}
