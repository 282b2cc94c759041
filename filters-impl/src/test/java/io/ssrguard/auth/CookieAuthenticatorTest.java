package io.ssrguard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.cookies.CookieRules;
import io.ssrguard.keys.ConfiguredKeyProvider;
import io.ssrguard.refresh.JdbcRefreshTokenStore;
import io.ssrguard.refresh.JdbcStoreFailureTest;
import io.ssrguard.refresh.RefreshCookies;
import io.ssrguard.refresh.RefreshEventPublisher;
import io.ssrguard.refresh.RefreshSettings;
import io.ssrguard.refresh.RefreshStoreUnavailableException;
import io.ssrguard.refresh.RefreshTokenService;
import io.ssrguard.refresh.StoredRefreshFamilies;
import io.ssrguard.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import io.ssrguard.refresh.EndedFamilies;

/** Transparent refresh against a real (H2) store that fails the way a pool's proxy does. */
class CookieAuthenticatorTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    final JdbcStoreFailureTest.FailingDataSource database = new JdbcStoreFailureTest.FailingDataSource();
    final SignInSessions sessions;
    final RefreshCookies refreshCookies;
    final CookieAuthenticator authenticator;

    CookieAuthenticatorTest() {
        SettingsReader s = MapSettings.profile("dev").reader();
        SecureRandom random = new SecureRandom();
        AuthSettings auth = AuthSettings.load(s);
        CookieRules rules = CookieRules.load(s, "");
        AccessTokenCodec codec = new AccessTokenCodec(ConfiguredKeyProvider.load(s), auth, clock);
        AccessCookies access = new AccessCookies(auth, rules);
        refreshCookies = RefreshCookies.load(s, rules, clock);
        JdbcRefreshTokenStore store = new JdbcRefreshTokenStore(database, "ssrguard_refresh", true);
        RefreshEventPublisher events = new RefreshEventPublisher(e -> { });
        RefreshTokenService refresh = new RefreshTokenService(store, new StoredRefreshFamilies(store, events, clock),
                events, RefreshSettings.load(s, random), clock, random);
        sessions = new SignInSessions(codec, access, refresh, refreshCookies);
        authenticator = new CookieAuthenticator(access, new CachingTokenVerifier(codec,
                VerifiedTokenCache.load(s, auth.clockSkew(), clock), new EndedFamilies(Duration.ofMinutes(20))), refreshCookies, sessions);
    }

    static Map<String, String> jar(List<String> setCookies) {
        Map<String, String> jar = new HashMap<>();
        for (String c : setCookies) {
            String pair = c.substring(0, c.indexOf(';'));
            jar.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return jar;
    }

    @Test
    void expiredAccessCookieWithTheStoreDownIsUnavailableNotAnonymousNorAnException() {
        Map<String, String> cookies = jar(sessions.signIn(new Caller("alice", Set.of("user")), false, "laptop")
                .setCookies());
        clock.advance(Duration.ofMinutes(20));
        database.failure = JdbcStoreFailureTest::poolProxyFailure;

        AuthenticationResult down = authenticator.authenticate(cookies::get);
        assertInstanceOf(AuthenticationResult.Unavailable.class, down);
        assertEquals(List.of(), down.setCookies(), "the cookies stay: the session may be fine once the store is back");

        database.failure = null;
        assertInstanceOf(AuthenticationResult.Authenticated.class, authenticator.authenticate(cookies::get));
    }

    @Test
    void signOutWithTheStoreDownIsUnavailableSinceTheFamilyStaysValid() {
        Map<String, String> cookies = jar(sessions.signIn(new Caller("alice", Set.of("user")), false, "laptop")
                .setCookies());
        String refreshToken = refreshCookies.read(cookies::get);
        database.failure = JdbcStoreFailureTest::poolProxyFailure;
        assertThrows(RefreshStoreUnavailableException.class, () -> sessions.signOut(refreshToken, false));
    }
}
