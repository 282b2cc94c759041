package io.ssrguard.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import io.ssrguard.refresh.InMemoryRefreshTokenStore;
import io.ssrguard.refresh.RefreshEventPublisher;
import io.ssrguard.refresh.RefreshFamily;
import io.ssrguard.refresh.RefreshFamilyRevoked;
import io.ssrguard.refresh.RefreshSecurityEvent;
import io.ssrguard.refresh.RefreshStoreUnavailableException;
import io.ssrguard.refresh.RefreshTokenEntry;
import io.ssrguard.refresh.RefreshTokenStore;
import io.ssrguard.refresh.RevocationReason;
import io.ssrguard.refresh.StoredRefreshFamilies;
import io.ssrguard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Back-channel logout end to end in the core: a valid token ends exactly the
 * families of the provider session it names; a bad or replayed one ends nothing;
 * a store outage answers 503 and the provider's retry of the same token succeeds.
 */
class BackChannelLogoutTest {

    static final Instant NOW = LogoutTokenCheckTest.NOW;

    final MutableClock clock = new MutableClock(NOW);
    final List<RefreshSecurityEvent> events = new ArrayList<>();
    final AtomicBoolean storeDown = new AtomicBoolean();
    final FailingStore store = new FailingStore(new InMemoryRefreshTokenStore(), storeDown);
    final StoredRefreshFamilies families = new StoredRefreshFamilies(store, new RefreshEventPublisher(events::add),
            clock);
    final AtomicInteger signIns = new AtomicInteger();
    final InMemoryProviderSessions sessions = new InMemoryProviderSessions(1000, clock);
    final BackChannelLogout logout = new BackChannelLogout(new FixedProvider(),
            new LogoutTokenCheck(LogoutTokenCheckTest.ISSUER, LogoutTokenCheckTest.CLIENT, Duration.ofSeconds(60), clock),
            new SeenLogoutTokens(100, clock), sessions, families);

    static {
        try {
            LogoutTokenCheckTest.keys();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static final class FixedProvider implements ProviderSource {
        @Override
        public Optional<DiscoveredProvider> current() {
            return Optional.of(LogoutTokenCheckTest.provider);
        }

        @Override
        public Optional<DiscoveredProvider> reloadKeys() {
            return current();
        }
    }

    /** Signs in: a family and its provider session. */
    String signIn(String user, String sid, String sub) {
        String id = "fam-" + user + "-" + signIns.incrementAndGet();
        RefreshFamily family = new RefreshFamily(id, user, Set.of(), "", false, NOW, NOW, NOW.plusSeconds(3600), null);
        store.create(family, RefreshTokenEntry.unused("h-" + id, id, NOW, NOW.plusSeconds(3600)));
        sessions.record(new ProviderSession(id, sid, sub, "id-token-of-" + id, NOW.plusSeconds(3600)));
        return id;
    }

    boolean revoked(String familyId) {
        return events.stream().anyMatch(e -> e instanceof RefreshFamilyRevoked r && r.familyId().equals(familyId)
                && r.reason() == RevocationReason.PROVIDER_LOGOUT);
    }

    static String token(String jti, String sid, String sub) throws Exception {
        return LogoutTokenCheckTest.signed(LogoutTokenCheckTest.claims().jwtID(jti).claim("sid", sid).subject(sub)
                .build());
    }

    @Test
    void endsTheFamiliesOfTheNamedProviderSessionOnly() throws Exception {
        String a1 = signIn("alice", "sid-A", "sub-alice");
        String a2 = signIn("alice", "sid-A", "sub-alice");
        String other = signIn("alice", "sid-B", "sub-alice");
        String bob = signIn("bob", "sid-C", "sub-bob");

        BackChannelLogout.Ended ended = logout.logOut(token("j1", "sid-A", "sub-alice"));

        assertEquals(2, ended.revoked());
        assertTrue(revoked(a1) && revoked(a2));
        assertFalse(revoked(other) || revoked(bob), "another provider session and another user live on");
        assertTrue(sessions.idToken(a1).isEmpty(), "the ended session's ID token is forgotten");
        assertTrue(sessions.idToken(other).isPresent());
    }

    @Test
    void subAloneEndsEverySessionOfThatUser() throws Exception {
        String a1 = signIn("alice", "sid-A", "sub-alice");
        String a2 = signIn("alice", "sid-B", "sub-alice");
        String bob = signIn("bob", "sid-C", "sub-bob");
        assertEquals(2, logout.logOut(token("j2", null, "sub-alice")).revoked());
        assertTrue(revoked(a1) && revoked(a2));
        assertFalse(revoked(bob));
    }

    @Test
    void sidOfAnotherSubjectEndsNothing() throws Exception {
        String a1 = signIn("alice", "sid-A", "sub-alice");
        assertEquals(0, logout.logOut(token("j3", "sid-A", "sub-mallory")).matched());
        assertFalse(revoked(a1));
    }

    @Test
    void aLogoutForASessionNotRecordedYetIsRememberedForTheSignInStillInFlight() throws Exception {
        assertEquals(0, logout.logOut(token("j7", "sid-late", "sub-alice")).matched());
        ProviderSession late = new ProviderSession("fam-late", "sid-late", "sub-alice", null, NOW.plusSeconds(3600));
        assertTrue(sessions.endedBefore(late, NOW), "a sign-in whose ID token predates the logout is refused");
        assertFalse(sessions.endedBefore(late, NOW.plusSeconds(1)));
    }

    @Test
    void replayedTokenIsRefusedAndEndsNothingMore() throws Exception {
        String token = token("j4", "sid-A", "sub-alice");
        logout.logOut(token);
        String later = signIn("alice", "sid-A", "sub-alice");
        OidcRefusal e = assertThrows(OidcRefusal.class, () -> logout.logOut(token));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("replayed"));
        assertFalse(revoked(later));
    }

    @Test
    void badTokenEndsNothing() throws Exception {
        String a1 = signIn("alice", "sid-A", "sub-alice");
        String forged = LogoutTokenCheckTest.signed(LogoutTokenCheckTest.claims().claim("sid", "sid-A")
                .subject("sub-alice").build(), LogoutTokenCheckTest.foreignKey, JOSEObjectType.JWT);
        assertEquals(400, assertThrows(OidcRefusal.class, () -> logout.logOut(forged)).status());
        assertFalse(revoked(a1));
    }

    @Test
    void storeOutageAnswers503AndTheRetryOfTheSameTokenEndsTheSessions() throws Exception {
        String a1 = signIn("alice", "sid-A", "sub-alice");
        String token = token("j5", "sid-A", "sub-alice");
        storeDown.set(true);
        OidcRefusal e = assertThrows(OidcRefusal.class, () -> logout.logOut(token));
        assertEquals(503, e.status());
        assertFalse(revoked(a1));

        storeDown.set(false);
        assertEquals(1, logout.logOut(token).revoked(), "the provider's retry is not taken for a replay");
        assertTrue(revoked(a1));
    }

    @Test
    void anOutageAfterSomeFamiliesEndedLosesNoneTheRetryEndsTheRest() throws Exception {
        String a1 = signIn("alice", "sid-A", "sub-alice");
        String a2 = signIn("alice", "sid-A", "sub-alice");
        String token = token("j8", "sid-A", "sub-alice");
        store.revocationsLeft.set(1);
        assertEquals(503, assertThrows(OidcRefusal.class, () -> logout.logOut(token)).status());
        assertTrue(revoked(a1) ^ revoked(a2), "one ended before the store went down");

        store.revocationsLeft.set(Integer.MAX_VALUE);
        logout.logOut(token);
        assertTrue(revoked(a1) && revoked(a2), "the retry ended the other; none was lost");
    }

    @Test
    void beforeTheProviderLoadedTheAnswerIs503() throws Exception {
        BackChannelLogout notLoaded = new BackChannelLogout(new ProviderSource() {
            @Override
            public Optional<DiscoveredProvider> current() {
                return Optional.empty();
            }

            @Override
            public Optional<DiscoveredProvider> reloadKeys() {
                return Optional.empty();
            }
        }, new LogoutTokenCheck(LogoutTokenCheckTest.ISSUER, LogoutTokenCheckTest.CLIENT, Duration.ofSeconds(60), clock),
                new SeenLogoutTokens(100, clock), sessions, families);
        assertEquals(503, assertThrows(OidcRefusal.class, () -> notLoaded.logOut(token("j6", "s", "u"))).status());
    }

    /** The memory store, which fails every call while {@code down}, and every revocation past {@link #revocationsLeft}. */
    static final class FailingStore implements RefreshTokenStore {
        /** Revocations that succeed before the store goes down. */
        final AtomicInteger revocationsLeft = new AtomicInteger(Integer.MAX_VALUE);
        private final RefreshTokenStore delegate;
        private final AtomicBoolean down;

        FailingStore(RefreshTokenStore delegate, AtomicBoolean down) {
            this.delegate = delegate;
            this.down = down;
        }

        private void check() {
            if (down.get()) {
                throw new RefreshStoreUnavailableException("database down (test)", null);
            }
        }

        @Override
        public void create(RefreshFamily family, RefreshTokenEntry first) {
            delegate.create(family, first);
        }

        @Override
        public Optional<io.ssrguard.refresh.StoredRefreshToken> find(String tokenHash) {
            check();
            return delegate.find(tokenHash);
        }

        @Override
        public boolean rotate(String presentedHash, RefreshTokenEntry successor) {
            check();
            return delegate.rotate(presentedHash, successor);
        }

        @Override
        public Optional<RefreshFamily> revokeFamily(String familyId, Instant at) {
            if (revocationsLeft.getAndDecrement() <= 0) {
                throw new RefreshStoreUnavailableException("database went down mid-way (test)", null);
            }
            check();
            return delegate.revokeFamily(familyId, at);
        }

        @Override
        public List<RefreshFamily> revokeUser(String user, Instant at) {
            check();
            return delegate.revokeUser(user, at);
        }

        @Override
        public List<RefreshFamily> activeFamilies(String user, Instant now) {
            return delegate.activeFamilies(user, now);
        }

        @Override
        public int purge(Instant now) {
            return delegate.purge(now);
        }
    }

}
