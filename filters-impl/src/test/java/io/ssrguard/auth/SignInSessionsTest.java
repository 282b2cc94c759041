package io.ssrguard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.cookies.CookieRules;
import io.ssrguard.keys.ConfiguredKeyProvider;
import io.ssrguard.refresh.InMemoryRefreshTokenStore;
import io.ssrguard.refresh.RefreshCookies;
import io.ssrguard.refresh.RefreshEventPublisher;
import io.ssrguard.refresh.RefreshSettings;
import io.ssrguard.refresh.RefreshTokenService;
import io.ssrguard.refresh.StoredRefreshFamilies;
import io.ssrguard.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Sign-in, refresh and sign-out as cookies, over the in-memory store: no container. */
class SignInSessionsTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    final InMemoryRefreshTokenStore store = new InMemoryRefreshTokenStore();
    final AccessTokenCodec codec;
    final RefreshCookies refreshCookies;
    final CookieRules rules;
    final SignInSessions sessions;
    final Caller alice = new Caller("alice", Set.of("user"));

    SignInSessionsTest() {
        SettingsReader s = MapSettings.profile("dev").reader();
        SecureRandom random = new SecureRandom();
        AuthSettings auth = AuthSettings.load(s);
        rules = CookieRules.load(s, "");
        codec = new AccessTokenCodec(ConfiguredKeyProvider.load(s), auth, clock);
        refreshCookies = RefreshCookies.load(s, rules, clock);
        RefreshEventPublisher events = new RefreshEventPublisher(e -> { });
        RefreshTokenService refresh = new RefreshTokenService(store, new StoredRefreshFamilies(store, events, clock),
                events, RefreshSettings.load(s, random), clock, random);
        sessions = new SignInSessions(codec, new AccessCookies(auth, rules), refresh, refreshCookies);
    }

    String refreshToken(SignInSessions.IssuedSession session) {
        return CookieAuthenticatorTest.jar(session.setCookies()).get(rules.name(refreshCookies.baseName()));
    }

    @Test
    void aSignInSetsAnAccessTokenBoundToANewFamilyAndItsRefreshCookie() throws Exception {
        SignInSessions.IssuedSession session = sessions.signIn(alice, false, "laptop");
        assertEquals(alice, session.caller());
        assertEquals(1, store.activeFamilies("alice", clock.instant()).size());
        assertEquals(session.sessionId(), store.activeFamilies("alice", clock.instant()).get(0).id(),
                "the access token's sid is the family");
        Map<String, String> jar = CookieAuthenticatorTest.jar(session.setCookies());
        String access = jar.entrySet().stream().filter(e -> !e.getKey().equals(rules.name(refreshCookies.baseName())))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
        assertEquals(session.sessionId(), codec.verify(access).sessionId());
        assertTrue(refreshToken(session).length() >= 43, "a 256-bit refresh token");
    }

    @Test
    void aRefreshRotatesWithinTheSameFamilyAndTheOldTokenIsThenReuse() {
        SignInSessions.IssuedSession first = sessions.signIn(alice, false, "laptop");
        clock.advance(Duration.ofMinutes(1));
        var refreshed = assertInstanceOf(SignInSessions.RefreshOutcome.Refreshed.class,
                sessions.refresh(refreshToken(first)));
        assertEquals(first.sessionId(), refreshed.session().sessionId(), "same family");
        assertNotEquals(refreshToken(first), refreshToken(refreshed.session()), "a new refresh token");

        clock.advance(Duration.ofHours(1)); // far past the grace window
        var refused = assertInstanceOf(SignInSessions.RefreshOutcome.Refused.class, sessions.refresh(refreshToken(first)));
        assertEquals(sessions.clearCookies(), refused.clearCookies(), "a refusal clears the cookies");
        assertEquals(0, store.activeFamilies("alice", clock.instant()).size(), "reuse revokes the family");
    }

    @Test
    void anUnknownTokenIsRefusedAndClearsTheCookies() {
        var refused = assertInstanceOf(SignInSessions.RefreshOutcome.Refused.class,
                sessions.refresh("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        assertEquals(sessions.clearCookies(), refused.clearCookies());
    }

    @Test
    void aSignOutRevokesItsFamilyOnlyOrEveryFamilyOfTheUser() {
        SignInSessions.IssuedSession laptop = sessions.signIn(alice, false, "laptop");
        SignInSessions.IssuedSession phone = sessions.signIn(alice, false, "phone");
        SignInSessions.IssuedSession tablet = sessions.signIn(alice, false, "tablet");
        sessions.signOut(refreshToken(laptop), false);
        assertEquals(2, store.activeFamilies("alice", clock.instant()).size(), "only the laptop's session ended");
        assertInstanceOf(SignInSessions.RefreshOutcome.Refused.class, sessions.refresh(refreshToken(laptop)));
        sessions.signOut(refreshToken(phone), true);
        assertEquals(0, store.activeFamilies("alice", clock.instant()).size(), "everywhere");
        assertInstanceOf(SignInSessions.RefreshOutcome.Refused.class, sessions.refresh(refreshToken(tablet)));
    }

    @Test
    void aSignOutWithoutARefreshCookieChangesNothingAndTheClearCookiesExpireEverySessionCookie() {
        sessions.signIn(alice, false, "laptop");
        sessions.signOut(null, true);
        assertEquals(1, store.activeFamilies("alice", clock.instant()).size());
        assertTrue(sessions.clearCookies().size() >= 2, sessions.clearCookies().toString());
        assertTrue(sessions.clearCookies().stream().allMatch(c -> c.contains("Max-Age=0")), sessions.clearCookies().toString());
    }
}
