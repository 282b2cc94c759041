package io.ssrguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.mockwebserver.RecordedRequest;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * OpenID Connect sign-in against a real provider: mock-oauth2-server, started
 * in this JVM before the deployment is built so that its issuer URL can go into
 * the settings. The browser follows every redirect by hand, so the tests see
 * (and can tamper with) each hop. The mock is lenient (it checks neither PKCE
 * nor the client secret), so what the pack sent it is asserted from its
 * recorded requests.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OidcSignInIT {

    static final String ISSUER_ID = "ssrguard-it";
    static final String CLIENT_ID = "shop";
    static final String CLIENT_SECRET = "it-client-secret-0123456789";
    static final String ACCESS = "__Host-ssrguard-at";
    static final String REFRESH = "__Host-ssrguard-rt";
    static final String FLOW = "__Host-ssrguard-oidc";

    static final HttpClient TO_PROVIDER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    static MockOAuth2Server provider;
    static TamperingProxy proxy;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() throws java.io.IOException {
        provider = new MockOAuth2Server();
        provider.start();
        // The application reaches the provider through a proxy that can break ID-token signatures on demand.
        proxy = new TamperingProxy(provider.url("/").port());
        String issuer = provider.issuerUrl(ISSUER_ID).newBuilder().port(proxy.port()).build().toString();
        return SampleDeployment.testDeployment("ROOT.war", Map.of(
                "ssrguard.oidc.enabled", "true",
                "ssrguard.oidc.issuer", issuer,
                "ssrguard.oidc.client-id", CLIENT_ID,
                "ssrguard.oidc.client-secret", CLIENT_SECRET,
                "ssrguard.oidc.groups-claim", "realm_access.roles",
                "ssrguard.oidc.provider-logout", "true",
                // The provider is the only way in, as with the sample's users in a real realm.
                "ssrguard.auth.password.enabled", "false"));
    }

    @AfterAll
    static void stopProvider() throws java.io.IOException {
        if (proxy != null) {
            proxy.close();
        }
        if (provider != null) {
            provider.shutdown();
        }
    }

    /** One sign-in as far as the provider's redirect back: the browser and the callback URL it was given. */
    record Hop(HttpSession browser, URI authorize, Map<String, String> authorizeParams, URI callback) {
    }

    HttpSession browser() throws Exception {
        return new HttpSession(base.toURI());
    }

    /** GET the login endpoint; waits while the pack is still loading the provider (503). */
    static HttpResponse<String> startLogin(HttpSession browser, String query) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            HttpResponse<String> r = browser.get("auth/oidc/login" + query);
            if (r.statusCode() != 503 || System.nanoTime() > deadline) {
                return r;
            }
            Thread.sleep(250);
        }
    }

    /** Login, then the provider's authorize endpoint (optionally with a parameter changed by the test). */
    Hop toCallback(String returnTo, String changedParam, String changedValue) throws Exception {
        HttpSession browser = browser();
        HttpResponse<String> login = startLogin(browser, "?returnTo=" + encode(returnTo));
        assertEquals(302, login.statusCode(), login.body());
        URI authorize = URI.create(login.headers().firstValue("Location").orElseThrow());
        Map<String, String> params = query(authorize);
        if (changedParam != null) {
            params.put(changedParam, changedValue);
            authorize = withQuery(authorize, params);
        }
        HttpResponse<String> atProvider = send(HttpRequest.newBuilder(authorize).GET());
        assertEquals(302, atProvider.statusCode(), "the mock signs in without a form: " + atProvider.body());
        URI callback = URI.create(atProvider.headers().firstValue("Location").orElseThrow());
        return new Hop(browser, authorize, params, callback);
    }

    static void enqueueUser(String name, List<String> roles, List<String> audience, long expirySeconds) {
        enqueueUser(name, roles, audience, expirySeconds, Map.of());
    }

    static void enqueueUser(String name, List<String> roles, List<String> audience, long expirySeconds,
                            Map<String, Object> extraClaims) {
        Map<String, Object> claims = new LinkedHashMap<>(extraClaims);
        claims.put("preferred_username", name);
        claims.put("realm_access", Map.of("roles", roles));
        if (!audience.equals(List.of(CLIENT_ID))) {
            // The mock gives ID tokens the client id as audience; a claim of the same name overrides it.
            claims.put("aud", audience);
        }
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "sub-" + name, "JWT", audience, claims,
                expirySeconds));
    }

    static void assertNoSessionCookies(HttpResponse<String> response) {
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            SetCookie c = SetCookie.parse(setCookie);
            if (c.name().equals(ACCESS) || c.name().equals(REFRESH) || c.name().startsWith(ACCESS)) {
                assertTrue(c.deletes(), "no session cookie may be set: " + setCookie);
            }
        }
    }

    static void assertRefused(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"" + code + "\""), response.body());
        assertFalse(response.body().contains("Exception") || response.body().contains("\tat "), response.body());
        assertNoSessionCookies(response);
    }

    @Test
    void fullSignInEndsInThePacksCookiesAndTheMappedCaller() throws Exception {
        drainRecordedRequests();
        enqueueUser("carol", List.of("user", "admin"), List.of(CLIENT_ID), 3600);
        Hop hop = toCallback("/api/profile?tab=2", null, null);

        // What the pack put on the redirect to the provider.
        Map<String, String> sent = hop.authorizeParams();
        assertEquals("code", sent.get("response_type"));
        assertEquals(CLIENT_ID, sent.get("client_id"));
        assertEquals("S256", sent.get("code_challenge_method"));
        assertTrue(sent.get("scope").contains("openid"), sent.get("scope"));
        assertEquals(base.toURI().resolve("auth/oidc/callback").toString(), sent.get("redirect_uri"));
        assertTrue(sent.get("state").length() >= 43 && sent.get("nonce").length() >= 43, "256-bit state and nonce");
        assertEquals(sent.get("state"), query(hop.callback()).get("state"), "state round-trips through the provider");
        assertFalse(hop.browser().cookie(FLOW).contains(sent.get("state")), "the flow cookie is encrypted");

        HttpResponse<String> back = hop.browser().send(hop.browser().request(hop.callback().toString()).GET());
        assertEquals(302, back.statusCode(), back.body());
        assertEquals("/api/profile?tab=2", back.headers().firstValue("Location").orElseThrow());
        SetCookie access = SetCookie.of(back, ACCESS);
        SetCookie refresh = SetCookie.of(back, REFRESH);
        assertTrue(access.has("HttpOnly") && access.has("Secure") && refresh.has("HttpOnly"));
        assertTrue(SetCookie.of(back, FLOW).deletes(), "the flow cookie is used up");
        assertNotNull(hop.browser().csrfToken(), "a fresh CSRF token for the new session");

        HttpResponse<String> me = hop.browser().get("auth/me");
        assertEquals(200, me.statusCode(), me.body());
        assertTrue(me.body().contains("\"name\":\"carol\""), me.body());
        assertTrue(me.body().contains("\"groups\":[\"admin\",\"user\"]"), me.body());
        assertEquals(200, hop.browser().get("api/admin").statusCode(), "the realm role became a role");

        // What the pack sent the token endpoint.
        RecordedRequest token = recordedRequest("/token");
        Map<String, String> form = form(token.getBody().readUtf8());
        assertEquals("authorization_code", form.get("grant_type"));
        assertEquals(query(hop.callback()).get("code"), form.get("code"));
        assertEquals(sent.get("redirect_uri"), form.get("redirect_uri"), "the same redirect URI in the exchange");
        String verifier = form.get("code_verifier");
        assertNotNull(verifier, "PKCE verifier sent: " + form.keySet());
        assertEquals(sent.get("code_challenge"), Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII))),
                "the verifier matches the S256 challenge of the authorization request");
        assertEquals("Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8)), token.getHeader("Authorization"), "client_secret_basic");
        assertFalse(form.containsKey("client_secret"), "the secret travels in the header only");
    }

    // Tests refused before the code exchange enqueue no user: the mock hands queued users out at its
    // token endpoint, so one left over would sign in the next test's browser.

    @Test
    void wrongStateIsRefusedWithoutCookies() throws Exception {
        Hop hop = toCallback("/", null, null);
        Map<String, String> params = query(hop.callback());
        params.put("state", "forged-" + params.get("state"));
        HttpResponse<String> back = hop.browser().send(hop.browser().request(withQuery(hop.callback(), params)
                .toString()).GET());
        assertRefused(back, 400, "invalid_state");
        assertTrue(SetCookie.of(back, FLOW).deletes(), "a refused callback ends the flow");
    }

    @Test
    void replayedCallbackIsRefusedWithoutCookies() throws Exception {
        enqueueUser("carol", List.of("user"), List.of(CLIENT_ID), 3600);
        Hop hop = toCallback("/", null, null);
        String flowCookie = hop.browser().cookie(FLOW);
        HttpResponse<String> first = hop.browser().send(hop.browser().request(hop.callback().toString()).GET());
        assertEquals(302, first.statusCode(), first.body());

        // The same browser again: its flow cookie is gone.
        HttpResponse<String> again = hop.browser().send(hop.browser().request(hop.callback().toString()).GET());
        assertRefused(again, 400, "invalid_flow");

        // An attacker who kept a copy of the flow cookie and the callback URL.
        HttpSession copy = browser().cookie(FLOW, flowCookie);
        HttpResponse<String> replay = copy.send(copy.request(hop.callback().toString()).GET());
        assertRefused(replay, 400, "invalid_flow");
    }

    @Test
    void callbackWithoutAFlowCookieIsRefused() throws Exception {
        Hop hop = toCallback("/", null, null);
        HttpSession other = browser();
        assertRefused(other.send(other.request(hop.callback().toString()).GET()), 400, "invalid_flow");
    }

    @Test
    void openRedirectReturnToIsRefusedBeforeAnyRedirect() throws Exception {
        for (String evil : List.of("//evil.example", "https://evil.example", "/\\evil.example", "/\\/evil.example",
                "evil.example", "/\t/evil.example")) {
            HttpSession browser = browser();
            HttpResponse<String> r = startLogin(browser, "?returnTo=" + encode(evil));
            assertRefused(r, 400, "invalid_return_to");
            assertTrue(r.headers().firstValue("Location").isEmpty(), evil);
            assertTrue(r.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith(FLOW + "=")),
                    "no flow started for " + evil);
        }
    }

    @Test
    void idTokenForAnotherAudienceIsRefused() throws Exception {
        enqueueUser("carol", List.of("admin"), List.of("another-client"), 3600);
        Hop hop = toCallback("/", null, null);
        assertRefused(hop.browser().send(hop.browser().request(hop.callback().toString()).GET()), 401,
                "invalid_id_token");
        assertEquals(401, hop.browser().get("auth/me").statusCode());
    }

    @Test
    void idTokenWithAnotherNonceIsRefused() throws Exception {
        // The mock echoes the nonce it receives: change it on the way to the provider.
        enqueueUser("carol", List.of("admin"), List.of(CLIENT_ID), 3600);
        Hop hop = toCallback("/", "nonce", "nonce-chosen-by-an-attacker-0123456789abcdef");
        assertRefused(hop.browser().send(hop.browser().request(hop.callback().toString()).GET()), 401,
                "invalid_id_token");
    }

    @Test
    void idTokenWithABrokenSignatureIsRefused() throws Exception {
        enqueueUser("carol", List.of("admin"), List.of(CLIENT_ID), 3600);
        Hop hop = toCallback("/", null, null);
        proxy.tamperWithIdTokens(true);
        try {
            HttpResponse<String> callback = hop.browser().send(hop.browser().request(hop.callback().toString()).GET());
            assertRefused(callback, 401, "invalid_id_token");
        } finally {
            proxy.tamperWithIdTokens(false);
        }
        assertEquals(401, hop.browser().get("auth/me").statusCode());
    }

    @Test
    void expiredIdTokenIsRefused() throws Exception {
        enqueueUser("carol", List.of("admin"), List.of(CLIENT_ID), -600);
        Hop hop = toCallback("/", null, null);
        assertRefused(hop.browser().send(hop.browser().request(hop.callback().toString()).GET()), 401,
                "invalid_id_token");
    }

    @Test
    void providerErrorIsAClear400() throws Exception {
        Hop hop = toCallback("/", null, null);
        String state = query(hop.callback()).get("state");
        URI denied = URI.create(base.toURI().resolve("auth/oidc/callback") + "?error=access_denied&error_description="
                + encode("The user said no") + "&state=" + encode(state));
        assertRefused(hop.browser().send(hop.browser().request(denied.toString()).GET()), 400, "provider_refused");
    }

    @Test
    void logoutEndsThePacksSessionAndAnswersTheProvidersLogoutUrl() throws Exception {
        enqueueUser("carol", List.of("user"), List.of(CLIENT_ID), 3600);
        Hop hop = toCallback("/", null, null);
        HttpSession browser = hop.browser();
        assertEquals(302, browser.send(browser.request(hop.callback().toString()).GET()).statusCode());
        assertEquals(200, browser.get("auth/me").statusCode());

        HttpResponse<String> noToken = browser().cookie(REFRESH, browser.cookie(REFRESH)).manualCsrf()
                .post("auth/oidc/logout", "application/json", "");
        assertEquals(403, noToken.statusCode(), "sign-out is CSRF-protected like every POST: " + noToken.body());

        HttpResponse<String> out = browser.post("auth/oidc/logout", "application/json", "");
        assertEquals(200, out.statusCode(), out.body());
        assertTrue(SetCookie.of(out, ACCESS).deletes() && SetCookie.of(out, REFRESH).deletes());
        String providerLogout = com.nimbusds.jose.util.JSONObjectUtils.parse(out.body()).get("providerLogout").toString();
        URI end = URI.create(providerLogout);
        // The application reaches the provider through the proxy, so the provider's URLs carry the proxy's port.
        assertTrue(providerLogout.startsWith(provider.endSessionEndpointUrl(ISSUER_ID).newBuilder().port(proxy.port())
                .build().toString()), providerLogout);
        assertEquals(CLIENT_ID, query(end).get("client_id"));
        assertEquals(base.toURI().resolve("/").toString(), query(end).get("post_logout_redirect_uri"));
        // The ID token of this sign-in, kept on the server, lets the provider skip its "Do you want to log out?".
        SignedJWT hint = SignedJWT.parse(query(end).get("id_token_hint"));
        assertTrue(hint.verify(new RSASSAVerifier(providerKey())), "the provider's own ID token");
        assertEquals("carol", hint.getJWTClaimsSet().getStringClaim("preferred_username"));
        assertEquals(List.of(CLIENT_ID), hint.getJWTClaimsSet().getAudience());
        assertEquals(401, browser.get("auth/me").statusCode());
    }

    @Test
    void withPasswordSignInOffTheLoginPathAnswersLikeAnUnknownPath() throws Exception {
        // Anonymous: the gate answers both alike (neither is a public path any more).
        assertAlike(browser().get("auth/login"), browser().get("auth/lagin"));
        HttpSession anonymous = browser();
        assertAlike(anonymous.post("auth/login", "application/json", "{\"username\":\"alice\",\"password\":\"alice123\"}"),
                anonymous.post("auth/lagin", "application/json", "{\"username\":\"alice\",\"password\":\"alice123\"}"));

        // Signed in through the provider, past the gate: the container's own answer for a path nothing serves.
        enqueueUser("dave", List.of("user"), List.of(CLIENT_ID), 3600);
        Hop hop = toCallback("/", null, null);
        HttpSession dave = hop.browser();
        assertEquals(302, dave.send(dave.request(hop.callback().toString()).GET()).statusCode());
        assertAlike(dave.get("auth/login"), dave.get("auth/lagin"));
        HttpResponse<String> post = dave.post("auth/login", "application/json", "{\"username\":\"alice\",\"password\":\"alice123\"}");
        assertAlike(post, dave.post("auth/lagin", "application/json", "{\"username\":\"alice\",\"password\":\"alice123\"}"));
        assertTrue(post.statusCode() == 404 || post.statusCode() == 405, "nothing signs in there: " + post.statusCode());
        assertTrue(post.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith(ACCESS + "=")));
    }

    /** Same status, same header names, same body but for the path: nothing tells the two apart. */
    static void assertAlike(HttpResponse<String> login, HttpResponse<String> unknown) {
        assertEquals(unknown.statusCode(), login.statusCode(), login.body());
        assertEquals(FilterChainIT.headerNames(unknown), FilterChainIT.headerNames(login));
        assertEquals(unknown.headers().firstValue("Content-Type"), login.headers().firstValue("Content-Type"));
        assertEquals(unknown.body().replace("lagin", "login"), login.body());
    }

    @Test
    void theSignInPageOffersOnlyTheProviderAndTheGateSendsVisitorsThere() throws Exception {
        HttpResponse<String> gate = SignInPageTests.navigate(browser(), "?tab=1");
        assertEquals(302, gate.statusCode(), gate.body());
        URI signIn = URI.create(gate.headers().firstValue("Location").orElseThrow());
        // Some containers make the gate's redirect absolute: compare the path and query.
        assertEquals("/auth/sign-in?returnTo=%2F%3Ftab%3D1", signIn.getRawPath() + "?" + signIn.getRawQuery());

        HttpResponse<String> page = SignInPageTests.navigate(browser(), "auth/sign-in?returnTo=%2F%3Ftab%3D1");
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("<a class=\"provider\" href=\"/auth/oidc/login?returnTo=%2F%3Ftab%3D1\">"),
                page.body());
        assertFalse(page.body().contains("<form") || page.body().contains("password"), "no password form: " + page.body());
    }

    @Test
    void refusedNavigationsGoToTheSignInPageWhichSaysWhyAndScriptsKeepJson() throws Exception {
        Hop hop = toCallback("/", null, null);
        HttpSession other = browser();
        HttpResponse<String> noFlow = other.send(other.request(hop.callback().toString())
                .header("Sec-Fetch-Mode", "navigate").header("Accept", "text/html").GET());
        assertEquals(303, noFlow.statusCode(), noFlow.body());
        assertEquals("/auth/sign-in?error=invalid_flow", noFlow.headers().firstValue("Location").orElseThrow());
        assertNoSessionCookies(noFlow);
        HttpResponse<String> page = SignInPageTests.navigate(other, "auth/sign-in?error=invalid_flow");
        assertTrue(page.body().contains("This sign-in has expired or was already used"), page.body());

        // A browser without Fetch Metadata, Accept: text/html; the flow ends as with JSON.
        Map<String, String> forged = query(hop.callback());
        forged.put("state", "forged-" + forged.get("state"));
        HttpResponse<String> badState = hop.browser().send(hop.browser().request(withQuery(hop.callback(), forged)
                .toString()).header("Accept", "text/html,application/xhtml+xml").GET());
        assertEquals(303, badState.statusCode(), badState.body());
        assertEquals("/auth/sign-in?error=invalid_state", badState.headers().firstValue("Location").orElseThrow());
        assertTrue(SetCookie.of(badState, FLOW).deletes(), "a refused callback ends the flow");
        assertNoSessionCookies(badState);

        Hop refused = toCallback("/", null, null);
        URI denied = URI.create(base.toURI().resolve("auth/oidc/callback") + "?error=access_denied&state="
                + encode(query(refused.callback()).get("state")));
        HttpResponse<String> providerRefused = refused.browser().send(refused.browser().request(denied.toString())
                .header("Sec-Fetch-Mode", "navigate").GET());
        assertEquals(303, providerRefused.statusCode());
        assertEquals("/auth/sign-in?error=provider_refused", providerRefused.headers().firstValue("Location").orElseThrow());

        HttpResponse<String> foreign = SignInPageTests.navigate(browser(), "auth/oidc/login?returnTo=" + encode("//evil.example"));
        assertEquals(303, foreign.statusCode(), foreign.body());
        assertEquals("/auth/sign-in?error=invalid_return_to", foreign.headers().firstValue("Location").orElseThrow());

        // fetch() and XHR keep the JSON refusal.
        HttpResponse<String> xhr = other.send(other.request(hop.callback().toString()).header("Sec-Fetch-Mode", "cors")
                .header("Accept", "text/html, application/json").GET());
        assertRefused(xhr, 400, "invalid_flow");
    }

    @Test
    void theSamplesSignOutGoesThroughTheOpenIdConnectLogout() throws Exception {
        enqueueUser("erin", List.of("user"), List.of(CLIENT_ID), 3600);
        Hop hop = toCallback("/", null, null);
        HttpSession erin = hop.browser();
        assertEquals(302, erin.send(erin.request(hop.callback().toString()).GET()).statusCode());
        HttpResponse<String> home = erin.get("");
        assertEquals(200, home.statusCode(), home.body());
        // The path is written as a JSON string, slashes escaped.
        assertTrue(home.body().contains("fetch(\"\\u002fauth\\u002foidc\\u002flogout\""),
                "sign-out ends the provider's session too: " + home.body());
        assertTrue(home.body().contains("location.href = body.providerLogout"), home.body());
    }

    // --- back-channel logout ---

    static final String BACKCHANNEL = "auth/oidc/backchannel-logout";
    static final String LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

    /** Signs a user in through the provider with the provider session id {@code sid}; the browser holds the cookies. */
    HttpSession signedIn(String name, String sid) throws Exception {
        enqueueUser(name, List.of("user"), List.of(CLIENT_ID), 3600, Map.of("sid", sid));
        Hop hop = toCallback("/", null, null);
        HttpResponse<String> back = hop.browser().send(hop.browser().request(hop.callback().toString()).GET());
        assertEquals(302, back.statusCode(), back.body());
        assertEquals(200, hop.browser().get("auth/me").statusCode());
        return hop.browser();
    }

    /** Whether the browser's session can still be renewed: the access cookie dropped, a page renews it from the refresh cookie. */
    static boolean refreshes(HttpSession browser) {
        browser.dropCookie(ACCESS);
        return browser.get("auth/me").statusCode() == 200;
    }

    /** A logout token's claims as the provider would send them (iat, nbf and exp are added by the mock). */
    static Map<String, Object> logoutClaims(String sid, String sub) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer());
        claims.put("aud", List.of(CLIENT_ID));
        claims.put("jti", java.util.UUID.randomUUID().toString());
        claims.put("events", Map.of(LOGOUT_EVENT, Map.of()));
        if (sid != null) {
            claims.put("sid", sid);
        }
        if (sub != null) {
            claims.put("sub", sub);
        }
        return claims;
    }

    /** Signed with the provider's own key, exactly as it signs its tokens. */
    static String signedByProvider(Map<String, Object> claims) {
        return provider.getConfig().getTokenProvider().jwt(claims, Duration.ofMinutes(2), ISSUER_ID).serialize();
    }

    /** The issuer the application is configured with: the provider seen through the proxy. */
    static String issuer() {
        return provider.issuerUrl(ISSUER_ID).newBuilder().port(proxy.port()).build().toString();
    }

    static RSAKey providerKey() {
        return (RSAKey) provider.getConfig().getTokenProvider().publicJwkSet(ISSUER_ID).getKeys().get(0);
    }

    /** What the provider sends: a cookieless, form-encoded POST with the token. */
    HttpResponse<String> postLogoutToken(String token) throws Exception {
        HttpSession providerSide = browser();
        return providerSide.send(providerSide.request(BACKCHANNEL)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + encode(token))));
    }

    static void assertInvalidRequest(HttpResponse<String> response) {
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"invalid_request\""), response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void backChannelLogoutEndsTheProviderSessionsFamiliesOnly() throws Exception {
        String sid = "sid-dave-" + System.nanoTime();
        HttpSession dave = signedIn("dave", sid);
        HttpSession daveElsewhere = signedIn("dave", "sid-dave-other-" + System.nanoTime());

        HttpResponse<String> ended = postLogoutToken(signedByProvider(logoutClaims(sid, "sub-dave")));

        assertEquals(200, ended.statusCode(), ended.body());
        assertEquals("no-store", ended.headers().firstValue("Cache-Control").orElse(""));
        assertFalse(refreshes(dave), "the session the provider ended can no longer be renewed");
        assertTrue(refreshes(daveElsewhere), "another provider session of the same user lives on");
    }

    @Test
    void backChannelLogoutBySubAloneEndsEverySessionOfTheUser() throws Exception {
        HttpSession first = signedIn("frank", "sid-frank-1-" + System.nanoTime());
        HttpSession second = signedIn("frank", "sid-frank-2-" + System.nanoTime());
        HttpSession other = signedIn("grace", "sid-grace-" + System.nanoTime());

        assertEquals(200, postLogoutToken(signedByProvider(logoutClaims(null, "sub-frank"))).statusCode());

        assertFalse(refreshes(first));
        assertFalse(refreshes(second));
        assertTrue(refreshes(other));
    }

    @Test
    void badLogoutTokensAre400AndEndNothing() throws Exception {
        String sid = "sid-erin-" + System.nanoTime();
        HttpSession erin = signedIn("erin", sid);

        // Forged: the provider's key id, another key.
        RSAKey forger = new RSAKeyGenerator(2048).keyID(providerKey().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(forger.getKeyID()).build(),
                JWTClaimsSet.parse(withTimes(logoutClaims(sid, "sub-erin"))));
        forged.sign(new RSASSASigner(forger));
        assertInvalidRequest(postLogoutToken(forged.serialize()));

        Map<String, Object> otherAudience = logoutClaims(sid, "sub-erin");
        otherAudience.put("aud", List.of("another-client"));
        assertInvalidRequest(postLogoutToken(signedByProvider(otherAudience)));

        Map<String, Object> withNonce = logoutClaims(sid, "sub-erin");
        withNonce.put("nonce", "n-0123456789");
        assertInvalidRequest(postLogoutToken(signedByProvider(withNonce)));

        Map<String, Object> noEvent = logoutClaims(sid, "sub-erin");
        noEvent.remove("events");
        assertInvalidRequest(postLogoutToken(signedByProvider(noEvent)));

        HttpSession provider = browser();
        assertInvalidRequest(provider.send(provider.request(BACKCHANNEL).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("token=x"))));
        assertEquals(405, provider.get(BACKCHANNEL).statusCode());

        assertTrue(refreshes(erin), "no bad token ended the session");
    }

    @Test
    void replayedLogoutTokenIs400AndEndsNoLaterSession() throws Exception {
        String sid = "sid-ivan-" + System.nanoTime();
        HttpSession ivan = signedIn("ivan", sid);
        String token = signedByProvider(logoutClaims(sid, "sub-ivan"));
        assertEquals(200, postLogoutToken(token).statusCode());
        assertFalse(refreshes(ivan));

        // A later sign-in that reuses the sid (no real provider does) must carry a younger ID token: one
        // issued no later than the logout (iat has whole seconds) is of the ended session and is refused.
        Thread.sleep(1_100);
        HttpSession again = signedIn("ivan", sid);
        assertInvalidRequest(postLogoutToken(token));
        assertTrue(refreshes(again), "a replayed token ends nothing");
    }

    @Test
    void aSignInWhoseIdTokenPredatesALogoutOfItsSessionIsRefused() throws Exception {
        // The provider ended the session (its logout token is iat-stamped now) while this sign-in's ID token,
        // issued at the same moment, was on its way: the family the sign-in makes must not live.
        String sid = "sid-judy-" + System.nanoTime();
        assertEquals(200, postLogoutToken(signedByProvider(logoutClaims(sid, "sub-judy"))).statusCode());
        enqueueUser("judy", List.of("user"), List.of(CLIENT_ID), 3600, Map.of("sid", sid, "iat",
                System.currentTimeMillis() / 1000 - 1));
        Hop hop = toCallback("/", null, null);
        HttpResponse<String> back = hop.browser().send(hop.browser().request(hop.callback().toString()).GET());
        assertRefused(back, 400, "provider_session_ended");
    }

    @Test
    void theBackChannelEndpointIsCsrfExemptOnlyWithoutCookies() throws Exception {
        HttpSession withCookie = browser().cookie("anything", "x").manualCsrf();
        HttpResponse<String> r = withCookie.post(BACKCHANNEL, "application/x-www-form-urlencoded",
                "logout_token=" + encode(signedByProvider(logoutClaims("sid-nobody", null))));
        assertEquals(403, r.statusCode(), "a request with cookies is CSRF-checked like any other: " + r.body());
    }

    static Map<String, Object> withTimes(Map<String, Object> claims) {
        Map<String, Object> timed = new LinkedHashMap<>(claims);
        long now = System.currentTimeMillis() / 1000;
        timed.put("iat", now);
        timed.put("exp", now + 120);
        return timed;
    }

    // --- HTTP and recorded-request plumbing ---

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return TO_PROVIDER.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void drainRecordedRequests() {
        while (takeRequest(100) != null) {
            // discard what earlier tests left
        }
    }

    /** The next recorded request whose path contains {@code pathPart}, skipping others. */
    static RecordedRequest recordedRequest(String pathPart) {
        List<String> seen = new ArrayList<>();
        RecordedRequest r;
        while ((r = takeRequest(5_000)) != null) {
            if (r.getPath() != null && r.getPath().contains(pathPart)) {
                return r;
            }
            seen.add(r.getMethod() + " " + r.getPath());
        }
        throw new AssertionError("the provider received no request to " + pathPart + "; it saw " + seen);
    }

    static RecordedRequest takeRequest(long millis) {
        try {
            return provider.takeRequest(millis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            return null; // the mock throws when its queue stays empty
        }
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Map<String, String> query(URI uri) {
        return form(uri.getRawQuery() == null ? "" : uri.getRawQuery());
    }

    static Map<String, String> form(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    static URI withQuery(URI uri, Map<String, String> params) {
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> q.append(q.length() == 0 ? "" : "&").append(encode(k)).append('=').append(encode(v)));
        String s = uri.toString();
        int question = s.indexOf('?');
        return URI.create((question < 0 ? s : s.substring(0, question)) + "?" + q);
    }
}
