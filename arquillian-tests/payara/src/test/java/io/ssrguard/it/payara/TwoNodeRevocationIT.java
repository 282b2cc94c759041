package io.ssrguard.it.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.it.HttpSession;
import io.ssrguard.it.PayaraMicroProcess;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.jboss.shrinkwrap.api.asset.ClassLoaderAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two nodes, one cluster: two Payara Micro processes on free ports run the same
 * WAR (same keys, same refresh secret) on the JDBC store in one PostgreSQL. A
 * session moves freely between them, and every way a family ends on one node
 * makes the other refuse the family's access tokens within the documented
 * bound (default poll interval of 1 s; the bound asserted is 2 s), with no
 * store read per request; a back-channel logout too, posted by an OpenID
 * Connect provider (mock-oauth2-server in this JVM, whose keys sign the logout
 * token) to one node. One pair of servers for every case: booting Payara
 * is what costs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodeRevocationIT {

    static final String REFRESH = "__Host-ssrguard-rt";
    static final String ACCESS = "__Host-ssrguard-at";
    /** The default poll interval (1 s) plus room for the query and the request: what docs/refresh.md promises. */
    static final Duration BOUND = Duration.ofSeconds(2);
    /** Short, so that the reuse case does not wait 10 s for the default grace window to pass. */
    static final Duration GRACE = Duration.ofSeconds(1);
    static final HttpClient TO_PROVIDER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final Logger LOG = Logger.getLogger(TwoNodeRevocationIT.class.getName());

    /** The provider both nodes sign in through; the test holds its keys, so it can sign logout tokens. */
    static final String ISSUER_ID = "two-nodes";
    static final String CLIENT_ID = "shop";
    static final String LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

    MockOAuth2Server provider;
    Path dir;
    PayaraMicroProcess a;
    PayaraMicroProcess b;

    @BeforeAll
    void startTwoNodes() throws Exception {
        TestPostgres database = TestPostgres.server();
        provider = new MockOAuth2Server();
        provider.start();
        String servlet = "io/ssrguard/it/RevokeUserServlet.class";
        // OpenID Connect beside password sign-in: the same nodes serve the back-channel case.
        WebArchive war = StoreOutageScenario.onPostgres(database, database.port(), true, Map.of(
                        "ssrguard.refresh.grace-window", String.valueOf(GRACE.toSeconds()),
                        "ssrguard.oidc.enabled", "true",
                        "ssrguard.oidc.issuer", provider.issuerUrl(ISSUER_ID).toString(),
                        "ssrguard.oidc.client-id", CLIENT_ID,
                        "ssrguard.oidc.groups-claim", "groups",
                        "ssrguard.oidc.client-secret", "it-client-secret-0123456789"))
                .addAsWebInfResource(new ClassLoaderAsset(servlet), "classes/" + servlet);
        dir = Files.createTempDirectory("two-nodes");
        // ROOT.war: both nodes serve at "/", as behind one load balancer.
        Path file = dir.resolve("ROOT.war");
        war.as(ZipExporter.class).exportTo(file.toFile(), true);
        a = PayaraMicroProcess.start(file);
        b = PayaraMicroProcess.start(file);
        for (PayaraMicroProcess node : List.of(a, b)) {
            String log = node.awaitStartup();
            assertTrue(log.contains(" ready in "), "a node did not start:\n" + log);
            assertFalse(log.contains("SSR Guard cannot start"), log);
        }
    }

    @AfterAll
    void stopNodes() throws Exception {
        if (provider != null) {
            provider.shutdown();
        }
        for (AutoCloseable node : new AutoCloseable[] {a, b}) {
            if (node != null) {
                node.close();
            }
        }
        if (dir != null) {
            Files.deleteIfExists(dir.resolve("ROOT.war"));
            Files.deleteIfExists(dir);
        }
    }

    HttpSession on(PayaraMicroProcess node) {
        return new HttpSession(node.base());
    }

    /** A client on {@code node} carrying only this access token: no refresh cookie could renew anything. */
    HttpResponse<String> profileWith(PayaraMicroProcess node, String accessToken) {
        return on(node).cookie(ACCESS, accessToken).get("api/profile");
    }

    /** Waits until {@code node} refuses the access token, and asserts that it did so within {@link #BOUND}. */
    void refusedWithinTheBound(PayaraMicroProcess node, String accessToken, long endedAtNanos, String what)
            throws InterruptedException {
        long deadline = endedAtNanos + BOUND.plusSeconds(5).toNanos();
        while (true) {
            int status = profileWith(node, accessToken).statusCode();
            long elapsed = System.nanoTime() - endedAtNanos;
            if (status == 401) {
                Duration took = Duration.ofNanos(elapsed);
                LOG.info(() -> what + ": refused after " + took.toMillis() + " ms");
                assertTrue(took.compareTo(BOUND) <= 0, what + ": refused only after " + took.toMillis() + " ms");
                return;
            }
            assertEquals(200, status, what);
            assertTrue(System.nanoTime() < deadline, what + ": still accepted " + Duration.ofNanos(elapsed).toMillis()
                    + " ms after the family ended");
            Thread.sleep(50);
        }
    }

    HttpSession signedIn(PayaraMicroProcess node, String user) {
        HttpSession session = on(node);
        // The sample's demo users: alice/alice123, admin/admin123.
        assertEquals(200, session.login(user, user + "123").statusCode(), "sign-in of " + user);
        assertNotNull(session.cookie(ACCESS));
        return session;
    }

    @Test
    void aSessionStartedOnOneNodeWorksOnTheOther() {
        HttpSession alice = signedIn(a, "alice");
        assertEquals(200, profileWith(b, alice.cookie(ACCESS)).statusCode(), "the same keys on both nodes");
        HttpSession onB = on(b).cookie(ACCESS, alice.cookie(ACCESS)).cookie(REFRESH, alice.cookie(REFRESH));
        assertEquals(200, onB.post("auth/refresh", "application/json", "").statusCode(), "the shared store");
        assertEquals(200, profileWith(a, onB.cookie(ACCESS)).statusCode());
    }

    @Test
    void signOutOnOneNodeEndsTheAccessTokenOnTheOther() throws Exception {
        HttpSession alice = signedIn(a, "alice");
        String access = alice.cookie(ACCESS);
        assertEquals(200, profileWith(b, access).statusCode(), "cached as verified on B");

        assertEquals(200, alice.post("auth/logout", "application/json", "").statusCode());
        long ended = System.nanoTime();

        assertEquals(401, profileWith(a, access).statusCode(), "at once on the node that signed out");
        refusedWithinTheBound(b, access, ended, "sign-out on A, token on B");
    }

    @Test
    void reuseDetectedOnOneNodeEndsTheAccessTokenOnTheOther() throws Exception {
        HttpSession alice = signedIn(a, "alice");
        String stolen = alice.cookie(REFRESH);
        assertEquals(200, alice.post("auth/refresh", "application/json", "").statusCode());
        String access = alice.cookie(ACCESS);
        assertNotEquals(stolen, alice.cookie(REFRESH));
        Thread.sleep(GRACE.plusMillis(200).toMillis());

        HttpSession thief = on(b).cookie(REFRESH, stolen);
        assertEquals(401, thief.post("auth/refresh", "application/json", "").statusCode(), "reuse, on B");
        long ended = System.nanoTime();

        refusedWithinTheBound(a, access, ended, "reuse on B, the owner's token on A");
        assertEquals(401, profileWith(b, access).statusCode());
    }

    @Test
    void anAdministratorsRevocationOnOneNodeEndsTheAccessTokenOnTheOther() throws Exception {
        HttpSession admin = signedIn(b, "admin");
        String access = admin.cookie(ACCESS);
        assertEquals(200, profileWith(b, access).statusCode());

        HttpResponse<String> revoke = on(a).get("it/revoke-user?user=admin");
        long ended = System.nanoTime();
        assertEquals(200, revoke.statusCode(), revoke.body());
        assertTrue(Integer.parseInt(revoke.body().trim()) >= 1, revoke.body());

        refusedWithinTheBound(b, access, ended, "revocation through RefreshFamilies on A, token on B");
    }

    @Test
    void aFamilyEndedOnOneNodeIsNeverRevivedByAConcurrentRefreshOnTheOther() throws Exception {
        // First the order that is sure to happen: B rotates, then A signs out with the token B has just used.
        HttpSession alice = signedIn(a, "alice");
        HttpSession onB = on(b).cookie(ACCESS, alice.cookie(ACCESS)).cookie(REFRESH, alice.cookie(REFRESH));
        assertEquals(200, onB.post("auth/refresh", "application/json", "").statusCode());
        assertEquals(200, alice.post("auth/logout", "application/json", "").statusCode(), "a used token still signs out");
        assertSuccessorDead(onB.cookie(REFRESH), onB.cookie(ACCESS), System.nanoTime(), "rotated on B, then ended on A");

        // Then both at once, a few rounds: whichever wins, nothing of the family survives on either node.
        int won = 0;
        for (int round = 0; round < 3; round++) {
            won += raceRefreshesOnBAgainstSignOutOnA();
        }
        LOG.info("refreshes on B that won the race against the sign-out on A: " + won);
    }

    /** @return how many refreshes on B succeeded before the sign-out on A committed */
    int raceRefreshesOnBAgainstSignOutOnA() throws Exception {
        HttpSession alice = signedIn(a, "alice");
        alice.get("auth/csrf");
        String originalAccess = alice.cookie(ACCESS);
        int refreshes = 4;
        ExecutorService pool = Executors.newFixedThreadPool(refreshes + 1);
        CountDownLatch go = new CountDownLatch(1);
        List<HttpSession> copies = new ArrayList<>();
        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < refreshes; i++) {
                HttpSession copy = on(b).cookie(ACCESS, alice.cookie(ACCESS)).cookie(REFRESH, alice.cookie(REFRESH));
                copy.get("auth/csrf");
                copies.add(copy);
                statuses.add(pool.submit(() -> {
                    go.await();
                    return copy.post("auth/refresh", "application/json", "").statusCode();
                }));
            }
            Future<HttpResponse<String>> logout = pool.submit(() -> {
                go.await();
                return alice.post("auth/logout", "application/json", "");
            });
            go.countDown();
            assertEquals(200, logout.get(60, TimeUnit.SECONDS).statusCode(), "the sign-out always succeeds");
            long ended = System.nanoTime();
            int won = 0;
            for (int i = 0; i < refreshes; i++) {
                int status = statuses.get(i).get(60, TimeUnit.SECONDS);
                assertTrue(status == 200 || status == 401, "a refresh racing a sign-out: " + status);
                if (status == 200) {
                    won++;
                    assertSuccessorDead(copies.get(i).cookie(REFRESH), copies.get(i).cookie(ACCESS), ended,
                            "refreshed on B while A signed out");
                }
            }
            refusedWithinTheBound(b, originalAccess, ended, "the family's first token on B");
            return won;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBackChannelLogoutPostedToOneNodeEndsTheAccessTokenOnTheOther() throws Exception {
        String sid = "sid-two-nodes-" + System.nanoTime();
        HttpSession dave = signedInThroughTheProvider(a, "dave", sid);
        String access = dave.cookie(ACCESS);
        assertEquals(200, profileWith(b, access).statusCode(), "signed in on A through the provider, used on B");

        HttpResponse<String> posted = postLogoutToken(a, signedByProvider(sid, "sub-dave"));
        long ended = System.nanoTime();
        assertEquals(200, posted.statusCode(), posted.body());

        assertEquals(401, profileWith(a, access).statusCode(), "at once on the node that received the token");
        refusedWithinTheBound(b, access, ended, "back-channel logout posted to A, token on B");
        HttpSession onB = on(b).cookie(REFRESH, dave.cookie(REFRESH));
        assertEquals(401, onB.post("auth/refresh", "application/json", "").statusCode(), "its refresh token, on B");
    }

    /** Signs {@code user} in on {@code node} through the provider, whose ID token carries {@code sid}. */
    HttpSession signedInThroughTheProvider(PayaraMicroProcess node, String user, String sid) throws Exception {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "sub-" + user, "JWT", List.of(CLIENT_ID),
                Map.of("preferred_username", user, "sid", sid, "groups", List.of("user")), 3600));
        HttpSession browser = on(node);
        HttpResponse<String> login = browser.get("auth/oidc/login?returnTo=/");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (login.statusCode() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(250); // the node is still loading the provider's configuration
            login = browser.get("auth/oidc/login?returnTo=/");
        }
        assertEquals(302, login.statusCode(), login.body());
        URI authorize = URI.create(login.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> atProvider = TO_PROVIDER.send(HttpRequest.newBuilder(authorize).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, atProvider.statusCode(), "the mock signs in without a form: " + atProvider.body());
        String callback = atProvider.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> back = browser.send(browser.request(callback).GET());
        assertEquals(302, back.statusCode(), back.body());
        assertNotNull(browser.cookie(ACCESS), "signed in through the provider");
        return browser;
    }

    /** A logout token as the provider sends it, signed with the provider's own key. */
    String signedByProvider(String sid, String sub) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", provider.issuerUrl(ISSUER_ID).toString());
        claims.put("aud", List.of(CLIENT_ID));
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("events", Map.of(LOGOUT_EVENT, Map.of()));
        claims.put("sid", sid);
        claims.put("sub", sub);
        return provider.getConfig().getTokenProvider().jwt(claims, Duration.ofMinutes(2), ISSUER_ID).serialize();
    }

    /** What the provider does: a cookieless, form-encoded POST of the token to the node it reaches. */
    HttpResponse<String> postLogoutToken(PayaraMicroProcess node, String token) {
        HttpSession providerSide = on(node);
        return providerSide.send(providerSide.request("auth/oidc/backchannel-logout")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("logout_token="
                        + URLEncoder.encode(token, StandardCharsets.UTF_8))));
    }

    /** A successor issued before its family ended: its refresh token fails and its access token is refused, on both nodes. */
    void assertSuccessorDead(String refresh, String access, long endedAtNanos, String what) throws Exception {
        assertNotNull(refresh, what);
        assertNotNull(access, what);
        for (PayaraMicroProcess node : List.of(a, b)) {
            HttpSession replay = on(node).cookie(REFRESH, refresh);
            assertEquals(401, replay.post("auth/refresh", "application/json", "").statusCode(),
                    what + ": the successor's refresh token");
            refusedWithinTheBound(node, access, endedAtNanos, what + ": the successor's access token");
        }
    }
}
