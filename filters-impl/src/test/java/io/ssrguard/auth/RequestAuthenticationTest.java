package io.ssrguard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.SsrGuardRuntime;
import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SsrGuardProperties;
import io.ssrguard.http.FakeHttp;
import io.ssrguard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who is calling, through the components the composition root builds (dev
 * profile, ephemeral key, in-memory refresh store): cookies, transparent
 * renewal through the refresh cookie and where it is not allowed, and the
 * bearer-only rule.
 */
class RequestAuthenticationTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    static final Caller ALICE = new Caller("alice", Set.of("user"));

    final MutableClock clock = new MutableClock(NOW);
    SsrGuardRuntime runtime;

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.stop();
        }
    }

    RequestAuthentication start(boolean bearer) {
        MapSettings settings = MapSettings.profile("dev")
                .with(SsrGuardProperties.AUTH_BEARER_ENABLED, String.valueOf(bearer));
        runtime = SsrGuardRuntime.start(settings.reader(), "", clock, getClass().getClassLoader(),
                name -> {
                    throw new IllegalStateException("no data source in this test");
                }, Set.of(), Optional.empty());
        return runtime.authentication();
    }

    /** A browser holding the cookies of a fresh sign-in of alice. */
    FakeHttp.Request signedInBrowser(String path) {
        SignInSessionsCookies jar = new SignInSessionsCookies(runtime.sessions().signIn(ALICE, false, "ua").setCookies());
        FakeHttp.Request request = new FakeHttp.Request().path(path);
        jar.values.forEach(request::cookie);
        return request;
    }

    /** The name=value pairs of Set-Cookie values. */
    record SignInSessionsCookies(java.util.Map<String, String> values) {
        SignInSessionsCookies(List<String> setCookies) {
            this(new java.util.LinkedHashMap<>());
            for (String c : setCookies) {
                String pair = c.substring(0, c.indexOf(';'));
                values.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
    }

    String accessCookieName() {
        return runtime.cookies().name(runtime.auth().cookieName());
    }

    String refreshCookieName() {
        return runtime.cookies().name(runtime.refreshCookies().baseName());
    }

    @Test
    void aValidAccessCookieIdentifiesTheCallerAndPublishesItsSession() {
        RequestAuthentication auth = start(false);
        FakeHttp.Request request = signedInBrowser("/api/profile");
        FakeHttp.Response response = new FakeHttp.Response();

        assertEquals(Optional.of(ALICE), auth.identify(request.build(), response.build()));
        assertEquals(ALICE, request.attributes.get(RequestAttributes.CALLER));
        assertTrue(request.attributes.get(RequestAttributes.SESSION_ID) instanceof String sid && !sid.isEmpty());
        assertTrue(response.headers("Set-Cookie").isEmpty(), "nothing to renew");
    }

    @Test
    void noCredentialIsAnonymous() {
        RequestAuthentication auth = start(false);
        FakeHttp.Request request = new FakeHttp.Request().path("/");
        FakeHttp.Response response = new FakeHttp.Response();
        assertEquals(Optional.empty(), auth.identify(request.build(), response.build()));
        assertNull(request.attributes.get(RequestAttributes.CALLER));
        assertInstanceOf(AuthenticationResult.Anonymous.class, auth.authenticate(new FakeHttp.Request().build()));
    }

    @Test
    void anExpiredAccessCookieIsRenewedThroughTheRefreshCookie() {
        RequestAuthentication auth = start(false);
        FakeHttp.Request request = signedInBrowser("/api/profile");
        clock.advance(runtime.auth().accessTokenTtl().plus(runtime.auth().clockSkew()).plusSeconds(1));
        FakeHttp.Response response = new FakeHttp.Response();

        assertEquals(Optional.of(ALICE), auth.identify(request.build(), response.build()));
        List<String> set = response.headers("Set-Cookie");
        assertTrue(set.stream().anyMatch(c -> c.startsWith(accessCookieName() + "=")), "a new access cookie: " + set);
        assertTrue(set.stream().anyMatch(c -> c.startsWith(refreshCookieName() + "=")), "a rotated refresh cookie: " + set);
    }

    @Test
    void theRefreshAndLogoutEndpointsNeverRenewOnTheirOwn() {
        RequestAuthentication auth = start(false);
        for (String path : List.of(runtime.auth().refreshPath(), runtime.auth().logoutPath())) {
            FakeHttp.Request request = signedInBrowser(path);
            clock.advance(Duration.ofHours(1));
            FakeHttp.Response response = new FakeHttp.Response();
            assertEquals(Optional.empty(), auth.identify(request.build(), response.build()), path);
            assertTrue(response.headers("Set-Cookie").isEmpty(), path + " leaves the refresh cookie to its endpoint");
        }
    }

    @Test
    void aForgedAccessCookieIsRejectedAndNeverRepairedByARefresh() {
        RequestAuthentication auth = start(false);
        FakeHttp.Request request = signedInBrowser("/api/profile");
        String token = request.cookies.get(accessCookieName());
        request.cookie(accessCookieName(), token.substring(0, token.length() - 4) + "AAAA");
        FakeHttp.Response response = new FakeHttp.Response();

        assertInstanceOf(AuthenticationResult.Rejected.class, auth.authenticate(request.build()));
        assertEquals(Optional.empty(), auth.identify(request.build(), response.build()));
        assertTrue(response.headers("Set-Cookie").isEmpty());
    }

    @Test
    void aBearerTokenAuthenticatesAClientWithoutCookiesWhenBearerIsOn() {
        RequestAuthentication auth = start(true);
        String token = signedInBrowser("/").cookies.get(accessCookieName());
        FakeHttp.Request client = new FakeHttp.Request().path("/api/profile").header("Authorization", "Bearer " + token);

        assertEquals(Optional.of(ALICE), auth.identify(client.build(), new FakeHttp.Response().build()));
        assertInstanceOf(AuthenticationResult.Rejected.class, auth.authenticate(new FakeHttp.Request()
                .path("/api/profile").header("Authorization", "Bearer x").build()), "an invalid token is refused");
    }

    @Test
    void aBearerTokenCountsForNothingWhenBearerIsOff() {
        RequestAuthentication auth = start(false);
        String token = signedInBrowser("/").cookies.get(accessCookieName());
        FakeHttp.Request client = new FakeHttp.Request().path("/api/profile").header("Authorization", "Bearer " + token);
        assertInstanceOf(AuthenticationResult.Anonymous.class, auth.authenticate(client.build()));
    }

    @Test
    void withASessionCookieTheCookieRulesApplyNotTheBearerToken() {
        RequestAuthentication auth = start(true);
        String token = signedInBrowser("/").cookies.get(accessCookieName());
        FakeHttp.Request both = new FakeHttp.Request().path("/api/profile").header("Authorization", "Bearer " + token)
                .cookie(accessCookieName(), "garbage");
        assertInstanceOf(AuthenticationResult.Rejected.class, auth.authenticate(both.build()),
                "the garbage cookie decides, not the valid bearer token");
    }

    @Test
    void onEndpointsThatIssueSessionCookiesABearerTokenIsNotUsed() {
        RequestAuthentication auth = start(true);
        String token = signedInBrowser("/").cookies.get(accessCookieName());
        for (String path : List.of(runtime.auth().loginPath(), runtime.auth().refreshPath(), runtime.auth().logoutPath())) {
            FakeHttp.Request client = new FakeHttp.Request().method("POST").path(path)
                    .header("Authorization", "Bearer " + token);
            assertInstanceOf(AuthenticationResult.Anonymous.class, auth.authenticate(client.build()), path);
        }
    }
}
