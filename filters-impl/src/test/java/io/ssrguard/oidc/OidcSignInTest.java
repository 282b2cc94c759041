package io.ssrguard.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.ssrguard.auth.AccessCookies;
import io.ssrguard.auth.AccessTokenCodec;
import io.ssrguard.auth.AuthSettings;
import io.ssrguard.auth.SignInSessions;
import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.cookies.CookieRules;
import io.ssrguard.keys.ConfiguredKeyProvider;
import io.ssrguard.keys.EncryptionKeys;
import io.ssrguard.refresh.InMemoryRefreshTokenStore;
import io.ssrguard.refresh.RefreshCookies;
import io.ssrguard.refresh.RefreshEventPublisher;
import io.ssrguard.refresh.RefreshSettings;
import io.ssrguard.refresh.RefreshTokenService;
import io.ssrguard.refresh.StoredRefreshFamilies;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import javax.crypto.KeyGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The authorization-code flow of {@link OidcSignIn} against a small real provider on a random
 * port (the JDK's HTTP server): discovery, JWKS and a token endpoint that signs an ID token
 * carrying the nonce of the flow it was asked for. No container.
 */
class OidcSignInTest {

    final HttpServer server;
    final String issuer;
    final ECKey providerKey = new ECKeyGenerator(Curve.P_256).keyID("p1").generate();
    final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor();
    final InMemoryRefreshTokenStore store = new InMemoryRefreshTokenStore();
    final OidcSignIn signIn;
    /** The nonce the provider puts into the next ID token, and the token request it received. */
    volatile String nonce;
    volatile String tokenRequest;
    /** The sid the provider puts into the next ID token (none when null). */
    volatile String sid;
    /** Runs while the provider answers the code exchange: what the provider does meanwhile. */
    volatile ThrowingRunnable duringExchange = () -> { };
    final BackChannelLogout backChannel;

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    OidcSignInTest() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuer = "http://localhost:" + server.getAddress().getPort();
        String document = """
                {"issuer":"%1$s","authorization_endpoint":"%1$s/auth","token_endpoint":"%1$s/token",
                 "jwks_uri":"%1$s/jwks","response_types_supported":["code"],"subject_types_supported":["public"],
                 "id_token_signing_alg_values_supported":["ES256"]}""".formatted(issuer);
        server.createContext("/.well-known/openid-configuration", e -> ProviderDiscoveryTest.respond(e, document));
        server.createContext("/jwks", e -> ProviderDiscoveryTest.respond(e, new JWKSet(providerKey.toPublicJWK()).toString()));
        server.createContext("/token", e -> {
            tokenRequest = new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String issued = idToken();
            try {
                duringExchange.run();
            } catch (Exception failed) {
                throw new IllegalStateException(failed);
            }
            ProviderDiscoveryTest.respond(e, "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"id_token\":\""
                    + issued + "\"}");
        });
        server.start();

        SettingsReader oidcSettings = MapSettings.profile("prod")
                .with("ssrguard.oidc.enabled", "true")
                .with("ssrguard.oidc.issuer", issuer)
                .with("ssrguard.oidc.client-id", "shop")
                .with("ssrguard.oidc.client-secret", "s3cret").reader();
        OidcSettings oidc = OidcSettings.loadOn(oidcSettings);
        SettingsReader dev = MapSettings.profile("dev").reader();
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        AuthSettings auth = AuthSettings.load(dev);
        CookieRules cookies = CookieRules.load(dev, "");
        RefreshEventPublisher events = new RefreshEventPublisher(e -> { });
        StoredRefreshFamilies families = new StoredRefreshFamilies(store, events, clock);
        SignInSessions sessions = new SignInSessions(new AccessTokenCodec(ConfiguredKeyProvider.load(dev), auth, clock),
                new AccessCookies(auth, cookies), new RefreshTokenService(store, families, events,
                        RefreshSettings.load(dev, random), clock, random), RefreshCookies.load(dev, cookies, clock));
        KeyGenerator aes = KeyGenerator.getInstance("AES");
        aes.init(256);
        ProviderDiscovery discovery = new ProviderDiscovery(oidc, clock);
        InMemoryProviderSessions providerSessions = new InMemoryProviderSessions(1000, clock);
        backChannel = new BackChannelLogout(discovery, new LogoutTokenCheck(oidc.issuer().toString(), oidc.clientId(),
                oidc.clockSkew(), clock), new SeenLogoutTokens(SeenLogoutTokens.DEFAULT_CAPACITY, clock),
                providerSessions, families);
        signIn = new OidcSignIn(oidc, discovery, new OidcClient(oidc),
                new IdTokenCheck(oidc.issuer().toString(), oidc.clientId(), oidc.clockSkew()),
                new ClaimMapping(oidc.usernameClaim(), oidc.groupsClaim()),
                new FlowStateCodec(new EncryptionKeys(List.of(aes.generateKey())), oidc.stateTtl(), clock, random),
                new ConsumedFlows(oidc.stateTtl(), clock), cookies, sessions, providerSessions, Duration.ofDays(30), families,
                backChannel, clock, random);
        discovery.start(background);
        for (int i = 0; i < 100 && !signIn.ready(); i++) {
            Thread.sleep(50);
        }
        assertTrue(signIn.ready(), "the provider loaded");
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
        server.stop(0);
    }

    String idToken() {
        try {
            long now = System.currentTimeMillis();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("p1").build(),
                    new JWTClaimsSet.Builder().issuer(issuer).audience("shop").subject("u-42")
                            .claim("preferred_username", "carol").claim("groups", List.of("staff"))
                            .claim("nonce", nonce).claim("sid", sid).issueTime(new Date(now))
                            .expirationTime(new Date(now + 300_000)).build());
            jwt.sign(new ECDSASigner(providerKey));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    static String cookieValue(String setCookie) {
        String pair = setCookie.substring(0, setCookie.indexOf(';'));
        return pair.substring(pair.indexOf('=') + 1);
    }

    /** Begins a flow as the browser would, and primes the provider with its nonce. */
    record Flow(Map<String, String> authorization, String cookie) {
    }

    Flow begin(String returnTo) throws OidcRefusal {
        OidcSignIn.Redirect redirect = signIn.begin("https://shop.example.com", returnTo, false);
        Map<String, String> q = query(redirect.location());
        nonce = q.get("nonce");
        return new Flow(q, cookieValue(redirect.setCookie()));
    }

    @Test
    void beginRedirectsToTheProviderWithStateNoncePkceAndTheRedirectUri() throws Exception {
        OidcSignIn.Redirect redirect = signIn.begin("https://shop.example.com", "/orders?x=1", false);
        assertTrue(redirect.location().toString().startsWith(issuer + "/auth?"), redirect.location().toString());
        Map<String, String> q = query(redirect.location());
        assertEquals("code", q.get("response_type"));
        assertEquals("shop", q.get("client_id"));
        assertEquals("S256", q.get("code_challenge_method"));
        assertEquals("https://shop.example.com" + signIn.settings().redirectPath(), q.get("redirect_uri"));
        assertTrue(q.get("state").length() >= 43 && q.get("nonce").length() >= 43, q.toString());
        assertTrue(redirect.setCookie().contains("HttpOnly") && redirect.setCookie().contains("SameSite=Lax"),
                redirect.setCookie());
        assertEquals(400, assertThrows(OidcRefusal.class,
                () -> signIn.begin("https://shop.example.com", "https://evil.example/", false)).status());
    }

    @Test
    void aCallbackWithTheFlowsStateAndCodeSignsTheMappedCallerInOnce() throws Exception {
        Flow flow = begin("/orders");
        OidcSignIn.Completed done = signIn.complete(Map.of("state", new String[] {flow.authorization().get("state")},
                "code", new String[] {"code-1"}), flow.cookie(), "laptop");
        assertEquals("carol", done.session().caller().name());
        assertEquals(Set.of("staff"), done.session().caller().groups());
        assertEquals("/orders", done.returnTo());
        assertTrue(done.setCookies().contains(signIn.clearFlowCookie()), "the flow cookie is cleared");
        assertEquals(1, store.activeFamilies("carol", Clock.systemUTC().instant()).size());
        assertTrue(tokenRequest.contains("code=code-1") && tokenRequest.contains("code_verifier="), tokenRequest);

        OidcRefusal replay = assertThrows(OidcRefusal.class, () -> signIn.complete(Map.of(
                "state", new String[] {flow.authorization().get("state")}, "code", new String[] {"code-1"}),
                flow.cookie(), "laptop"));
        assertEquals("invalid_flow", replay.code());
    }

    @Test
    void aCallbackIsRefusedForAForeignStateAProviderErrorAnotherIssuerOrNoCookie() throws Exception {
        Flow flow = begin(null);
        String state = flow.authorization().get("state");
        assertEquals("invalid_state", refusal(Map.of("state", new String[] {"other"}, "code", new String[] {"c"}),
                flow.cookie()));
        assertEquals("provider_refused", refusal(Map.of("state", new String[] {state},
                "error", new String[] {"access_denied"}), flow.cookie()));
        assertEquals("invalid_issuer", refusal(Map.of("state", new String[] {state}, "code", new String[] {"c"},
                "iss", new String[] {"https://evil.example"}), flow.cookie()));
        assertEquals("invalid_callback", refusal(Map.of("state", new String[] {state}), flow.cookie()));
        assertEquals("invalid_flow", refusal(Map.of("state", new String[] {state}, "code", new String[] {"c"}), null));
        assertEquals(null, tokenRequest, "nothing refused reached the provider");
    }

    @Test
    void anIdTokenForAnotherFlowsNonceIsRefused() throws Exception {
        Flow flow = begin(null);
        nonce = "not-this-flows-nonce";
        OidcRefusal e = assertThrows(OidcRefusal.class, () -> signIn.complete(Map.of(
                "state", new String[] {flow.authorization().get("state")}, "code", new String[] {"c"}), flow.cookie(), "x"));
        assertTrue(e.status() >= 400 && e.status() < 500, e.code());
        assertEquals(0, store.activeFamilies("carol", Clock.systemUTC().instant()).size(), "nobody signed in");
    }

    /** A logout token from the provider, issued {@code secondsAgo} seconds ago. */
    String logoutToken(String sid, String sub, long secondsAgo) throws Exception {
        long iat = System.currentTimeMillis() - secondsAgo * 1000;
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("p1").build(),
                new JWTClaimsSet.Builder().issuer(issuer).audience("shop").subject(sub).claim("sid", sid)
                        .jwtID("jti-" + System.nanoTime()).issueTime(new Date(iat))
                        .claim("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()))
                        .build());
        jwt.sign(new ECDSASigner(providerKey));
        return jwt.serialize();
    }

    @Test
    void aLogoutTokenThatArrivesWhileTheCodeIsExchangedLeavesNoLiveFamily() throws Exception {
        Flow flow = begin(null);
        sid = "sid-racing";
        // The provider ends the session while this application is exchanging the code: no family is recorded yet.
        duringExchange = () -> assertEquals(0, backChannel.logOut(logoutToken("sid-racing", "u-42", 0)).matched());

        OidcRefusal e = assertThrows(OidcRefusal.class, () -> signIn.complete(Map.of(
                "state", new String[] {flow.authorization().get("state")}, "code", new String[] {"c"}), flow.cookie(), "x"));

        assertEquals("provider_session_ended", e.code());
        assertEquals(400, e.status());
        assertEquals(0, store.activeFamilies("carol", Clock.systemUTC().instant()).size(),
                "the family the sign-in made was revoked again");
    }

    @Test
    void anEarlierLogoutOfTheSubjectOrAnotherSessionDoesNotStopANewSignIn() throws Exception {
        backChannel.logOut(logoutToken(null, "u-42", 5));
        backChannel.logOut(logoutToken("sid-other", "u-42", 0));
        Flow flow = begin(null);
        sid = "sid-new";
        OidcSignIn.Completed done = signIn.complete(Map.of("state", new String[] {flow.authorization().get("state")},
                "code", new String[] {"c"}), flow.cookie(), "x");
        assertEquals("carol", done.session().caller().name());
        assertEquals(1, store.activeFamilies("carol", Clock.systemUTC().instant()).size());
    }

    private String refusal(Map<String, String[]> parameters, String cookie) {
        return assertThrows(OidcRefusal.class, () -> signIn.complete(parameters, cookie, "x")).code();
    }
}
