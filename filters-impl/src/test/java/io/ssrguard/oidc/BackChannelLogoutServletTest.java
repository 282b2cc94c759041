package io.ssrguard.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.csp.TokenBucket;
import io.ssrguard.http.FakeHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The endpoint's answers to the provider under pressure: a flood of logout tokens is
 * cut off by the rate limit before any signature is checked, and a store outage is a
 * 503 with {@code Retry-After} that the provider's retry of the same token turns into
 * the ended sessions (nothing lost). Real tokens signed by a key the test controls.
 */
class BackChannelLogoutServletTest {

    static final int LIMIT = 5;

    final BackChannelLogoutTest core = new BackChannelLogoutTest();
    final BackChannelLogoutServlet servlet = new BackChannelLogoutServlet(core.logout,
            new TokenBucket(LIMIT, core.clock), Duration.ofSeconds(10));

    FakeHttp.Response post(String token) throws Exception {
        FakeHttp.Request request = new FakeHttp.Request().method("POST").path("/auth/oidc/backchannel-logout")
                .post("application/x-www-form-urlencoded", "logout_token=" + URLEncoder.encode(token,
                        StandardCharsets.US_ASCII));
        FakeHttp.Response response = new FakeHttp.Response();
        servlet.service(request.build(), response.build());
        return response;
    }

    @Test
    void aFloodOfLogoutTokensIsRateLimitedAndEndsNothingPastTheLimit() throws Exception {
        for (int i = 0; i < LIMIT; i++) {
            FakeHttp.Response ok = post(BackChannelLogoutTest.token("flood-" + i, "sid-nobody-" + i, "sub-x"));
            assertEquals(200, ok.status, ok.bodyText());
        }
        String family = core.signIn("alice", "sid-A", "sub-alice");
        String valid = BackChannelLogoutTest.token("after-flood", "sid-A", "sub-alice");

        FakeHttp.Response limited = post(valid);

        assertEquals(429, limited.status);
        assertTrue(limited.bodyText().contains("\"too_many_requests\""), limited.bodyText());
        assertEquals("no-store", limited.header("Cache-Control"));
        assertTrue(limited.header("Retry-After") != null);
        assertFalse(core.revoked(family), "a refused request ends nothing");

        core.clock.advance(Duration.ofMinutes(1));
        assertEquals(200, post(valid).status, "the provider's retry after the minute goes through");
        assertTrue(core.revoked(family));
    }

    @Test
    void aStoreOutageIs503WithRetryAfterAndTheRetryEndsTheSession() throws Exception {
        String family = core.signIn("alice", "sid-A", "sub-alice");
        String token = BackChannelLogoutTest.token("outage", "sid-A", "sub-alice");
        core.storeDown.set(true);

        FakeHttp.Response down = post(token);

        assertEquals(503, down.status);
        assertTrue(down.bodyText().contains("\"unavailable\""), down.bodyText());
        assertTrue(down.header("Retry-After") != null);
        assertEquals("no-store", down.header("Cache-Control"));
        assertFalse(down.bodyText().contains("Exception"), down.bodyText());
        assertFalse(core.revoked(family));

        core.storeDown.set(false);
        assertEquals(200, post(token).status, "the same token, retried, is no replay");
        assertTrue(core.revoked(family));
    }
}
