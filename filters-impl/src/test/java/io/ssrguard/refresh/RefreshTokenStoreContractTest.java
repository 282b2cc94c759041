package io.ssrguard.refresh;

import io.ssrguard.testing.MutableClock;
import static io.ssrguard.refresh.RefreshTokenFormat.hash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.auth.Caller;
import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SsrGuardProperties;
import io.ssrguard.refresh.RotationResult.Invalid;
import io.ssrguard.refresh.RotationResult.InvalidReason;
import io.ssrguard.refresh.RotationResult.Rotated;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The behaviour every {@link RefreshTokenStore} must show under the rotation
 * core. Each store's test extends this class; the store is created once per
 * class (tables once per database) and every test works with its own users, so
 * that tests neither see nor disturb each other's rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RefreshTokenStoreContractTest {

    static final Instant START = Instant.parse("2026-11-24T12:00:00Z");
    static final Duration GRACE = RefreshSettings.DEFAULT_GRACE_WINDOW;
    static final String SECRET = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'k');

    final SecureRandom random = new SecureRandom();
    final MutableClock clock = new MutableClock(START);
    final List<RefreshSecurityEvent> events = Collections.synchronizedList(new ArrayList<>());
    RefreshTokenStore store;
    StoredRefreshFamilies families;
    RefreshTokenService service;

    /** The store under test, with empty storage of its own. */
    abstract RefreshTokenStore openStore() throws Exception;

    /** How many tokens, used or not, the store holds for a family. */
    abstract int tokenCount(String familyId) throws Exception;

    /** Releases what {@link #openStore()} created (tables, connections). */
    void closeStore() throws Exception {
    }

    @BeforeAll
    void open() throws Exception {
        store = openStore();
    }

    @AfterAll
    void close() throws Exception {
        closeStore();
    }

    @BeforeEach
    void newService() {
        clock.set(START);
        events.clear();
        RefreshSettings settings = RefreshSettings.load(MapSettings.profile("test")
                .with(SsrGuardProperties.REFRESH_SECRET, SECRET).reader(), random);
        RefreshEventPublisher publisher = new RefreshEventPublisher(events::add);
        families = new StoredRefreshFamilies(store, publisher, clock);
        service = new RefreshTokenService(store, families, publisher, settings, clock, random);
    }

    /** A user name no other test (or earlier run on a shared database) uses. */
    String user() {
        return "user-" + RefreshTokenFormat.familyId(random);
    }

    IssuedRefreshToken signIn(String user) {
        return service.issue(new Caller(user, Set.of("user")), false, "Firefox on Linux");
    }

    static Rotated rotated(RotationResult result) {
        return assertInstanceOf(Rotated.class, result, () -> "expected a rotation, got " + result);
    }

    static void assertInvalid(InvalidReason reason, RotationResult result) {
        assertEquals(new Invalid(reason), result);
    }

    @Test
    void signInStoresTheFamilyAndOnlyTheTokensHash() {
        String user = user();
        IssuedRefreshToken issued = service.issue(new Caller(user, Set.of("user", "admin")), true, "Safari on iPhone");

        assertTrue(RefreshTokenFormat.wellFormed(issued.token()));
        assertTrue(store.find(issued.token()).isEmpty(), "the plaintext must not be a key");
        StoredRefreshToken stored = store.find(hash(issued.token())).orElseThrow();
        assertFalse(stored.token().used());
        RefreshFamily family = stored.family();
        assertEquals(issued.family(), family);
        assertEquals(new Caller(user, Set.of("user", "admin")), family.caller());
        assertEquals("Safari on iPhone", family.device());
        assertTrue(family.rememberMe());
        assertEquals(START, family.createdAt());
        assertEquals(START.plus(RefreshSettings.DEFAULT_REMEMBER_ME_LIFETIME), family.expiresAt());
        assertEquals(START.plus(RefreshSettings.DEFAULT_IDLE_TIMEOUT), issued.expiresAt());
        assertEquals(List.of(new RefreshFamilyStarted(family.id(), user, "Safari on iPhone", true, START)), events);
    }

    @Test
    void rotateOnceIssuesOneSuccessorAndMarksTheTokenUsed() throws Exception {
        IssuedRefreshToken first = signIn(user());
        clock.advance(Duration.ofMinutes(20));

        Rotated r = rotated(service.rotate(first.token()));

        assertFalse(r.replayed());
        String successor = r.issued().token();
        assertNotEquals(first.token(), successor);
        assertTrue(RefreshTokenFormat.wellFormed(successor));
        assertEquals(first.family().id(), r.issued().family().id());
        assertEquals(clock.instant(), r.issued().family().lastUsedAt());
        RefreshTokenEntry used = store.find(hash(first.token())).orElseThrow().token();
        assertEquals(clock.instant(), used.usedAt());
        assertEquals(hash(successor), used.successorHash());
        StoredRefreshToken next = store.find(hash(successor)).orElseThrow();
        assertFalse(next.token().used());
        assertEquals(clock.instant(), next.family().lastUsedAt());
        assertEquals(2, tokenCount(first.family().id()));
        assertTrue(rotated(service.rotate(successor)).issued().token().length() > 0, "the successor rotates in turn");
    }

    @Test
    void secondPresentationWithinGraceGetsTheSameSuccessor() throws Exception {
        IssuedRefreshToken first = signIn(user());
        String successor = rotated(service.rotate(first.token())).issued().token();

        clock.advance(GRACE);
        Rotated again = rotated(service.rotate(first.token()));

        assertTrue(again.replayed());
        assertEquals(successor, again.issued().token());
        assertEquals(2, tokenCount(first.family().id()), "no second successor");
        assertFalse(store.find(hash(successor)).orElseThrow().token().used(), "the successor is still fresh");
    }

    @Test
    void presentationWithinGraceConvergesOnTheNewestWhenTheSuccessorRotatedSince() {
        IssuedRefreshToken first = signIn(user());
        String second = rotated(service.rotate(first.token())).issued().token();
        clock.advance(Duration.ofSeconds(3));
        String third = rotated(service.rotate(second)).issued().token();
        clock.advance(Duration.ofSeconds(3));

        Rotated late = rotated(service.rotate(first.token()));

        assertTrue(late.replayed());
        assertEquals(third, late.issued().token());
    }

    @Test
    void fiftyConcurrentPresentationsOfOneTokenGetOneSuccessor() throws Exception {
        IssuedRefreshToken first = signIn(user());
        int threads = 50;
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<RotationResult>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                Callable<RotationResult> presentation = () -> {
                    ready.countDown();
                    go.await();
                    return service.rotate(first.token());
                };
                futures.add(pool.submit(presentation));
            }
            assertTrue(ready.await(30, TimeUnit.SECONDS));
            go.countDown();
            List<Rotated> results = new ArrayList<>();
            for (Future<RotationResult> f : futures) {
                results.add(rotated(f.get(60, TimeUnit.SECONDS)));
            }

            String successor = results.get(0).issued().token();
            assertTrue(results.stream().allMatch(r -> r.issued().token().equals(successor)), "one successor for all");
            assertEquals(1, results.stream().filter(r -> !r.replayed()).count(), "exactly one rotation won");
            assertEquals(2, tokenCount(first.family().id()), "exactly one successor stored");
            StoredRefreshToken stored = store.find(hash(successor)).orElseThrow();
            assertFalse(stored.family().revoked(), "the family is intact");
            assertFalse(stored.token().used());
            assertEquals(hash(successor), store.find(hash(first.token())).orElseThrow().token().successorHash());
            assertTrue(events.stream().noneMatch(e -> e instanceof RefreshTokenReuseDetected));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reusedTokenAfterGraceRevokesTheFamilySuccessorIncluded() {
        String user = user();
        IssuedRefreshToken first = signIn(user);
        String successor = rotated(service.rotate(first.token())).issued().token();
        clock.advance(GRACE.plusMillis(1));
        events.clear();

        assertEquals(new RotationResult.Reused(first.family().id(), user), service.rotate(first.token()));

        assertInvalid(InvalidReason.REVOKED, service.rotate(successor));
        assertTrue(store.find(hash(successor)).orElseThrow().family().revoked());
        assertTrue(families.active(user).isEmpty());
        assertEquals(2, events.size());
        RefreshTokenReuseDetected reuse = assertInstanceOf(RefreshTokenReuseDetected.class, events.get(0));
        assertEquals(hash(first.token()).substring(0, RefreshTokenFormat.HASH_PREFIX_LENGTH), reuse.hashPrefix());
        assertEquals(START, reuse.usedAt());
        assertEquals(new RefreshFamilyRevoked(first.family().id(), user, RevocationReason.REUSE_DETECTED, clock.instant()),
                events.get(1));
        assertInvalid(InvalidReason.REVOKED, service.rotate(first.token()));
    }

    @Test
    void expiredTokensAreInvalid() {
        IssuedRefreshToken idle = signIn(user());
        clock.advance(RefreshSettings.DEFAULT_IDLE_TIMEOUT);
        assertInvalid(InvalidReason.EXPIRED, service.rotate(idle.token()));

        // Used every day, a family still ends at its absolute lifetime.
        clock.set(START);
        String token = signIn(user()).token();
        for (int day = 1; day < 14; day++) {
            clock.advance(Duration.ofDays(1));
            token = rotated(service.rotate(token)).issued().token();
        }
        clock.advance(Duration.ofDays(1));
        assertInvalid(InvalidReason.EXPIRED, service.rotate(token));
    }

    @Test
    void unknownGarbageOversizedAndMissingTokensAreInvalid() {
        signIn(user());
        assertInvalid(InvalidReason.UNKNOWN, service.rotate(RefreshTokenFormat.generate(random)));
        for (String junk : new String[] {null, "", "x", "not a token", "A".repeat(42), "A".repeat(44),
                "+".repeat(43), "A".repeat(42) + "=", "\u0000".repeat(43), "A".repeat(8 * 1024)}) {
            assertInvalid(InvalidReason.MALFORMED, service.rotate(junk));
        }
    }

    @Test
    void anotherUsersRevokedTokenIsInvalid() {
        String alice = user();
        String bob = user();
        IssuedRefreshToken alices = signIn(alice);
        IssuedRefreshToken bobs = signIn(bob);
        assertEquals(List.of(bobs.family().id()),
                service.signOut(bobs.token(), false).stream().map(RefreshFamily::id).toList());

        // Whoever presents it, a revoked token is refused, and Alice's own family is untouched.
        assertInvalid(InvalidReason.REVOKED, service.rotate(bobs.token()));
        rotated(service.rotate(alices.token()));
    }

    @Test
    void revokeAllRevokesEveryFamilyOfTheUserAndNoOtherUsers() {
        String alice = user();
        String bob = user();
        IssuedRefreshToken laptop = signIn(alice);
        IssuedRefreshToken phone = signIn(alice);
        IssuedRefreshToken bobs = signIn(bob);
        events.clear();

        assertEquals(2, families.revokeAll(alice));

        assertInvalid(InvalidReason.REVOKED, service.rotate(laptop.token()));
        assertInvalid(InvalidReason.REVOKED, service.rotate(phone.token()));
        assertTrue(families.active(alice).isEmpty());
        assertEquals(1, families.active(bob).size());
        rotated(service.rotate(bobs.token()));
        assertEquals(2, events.stream().filter(e -> e instanceof RefreshFamilyRevoked r
                && r.reason() == RevocationReason.REVOKED_BY_APPLICATION).count());
        assertEquals(0, families.revokeAll(alice), "nothing left to revoke");
    }

    @Test
    void signOutEverywhereRevokesTheUsersOtherDevices() {
        String alice = user();
        IssuedRefreshToken laptop = signIn(alice);
        IssuedRefreshToken phone = signIn(alice);

        assertEquals(2, service.signOut(laptop.token(), true).size());

        assertInvalid(InvalidReason.REVOKED, service.rotate(phone.token()));
        assertEquals(List.of(), service.signOut(phone.token(), true));
        assertEquals(List.of(), service.signOut("garbage", false));
    }

    @Test
    void listsOnlyActiveFamiliesWithDeviceAndTimes() {
        String alice = user();
        IssuedRefreshToken idle = signIn(alice);
        clock.advance(Duration.ofDays(1));
        IssuedRefreshToken revoked = signIn(alice);
        clock.advance(Duration.ofDays(1));
        IssuedRefreshToken remembered = service.issue(new Caller(alice, Set.of("user")), true, "Chrome on Android");
        clock.advance(Duration.ofDays(1));
        IssuedRefreshToken laptop = signIn(alice);
        families.revoke(revoked.family().id());
        clock.advance(Duration.ofDays(5));
        String rotated = rotated(service.rotate(laptop.token())).issued().token();
        assertTrue(rotated.length() > 0);
        // Now day 8: "idle" was issued on day 0 and never used, so its 7-day idle timeout has passed.

        List<RefreshFamily> active = families.active(alice);

        assertEquals(List.of(remembered.family().id(), laptop.family().id()),
                active.stream().map(RefreshFamily::id).toList());
        RefreshFamily phone = active.get(0);
        assertEquals("Chrome on Android", phone.device());
        assertTrue(phone.rememberMe());
        assertEquals(START.plus(Duration.ofDays(2)), phone.createdAt());
        assertEquals(phone.createdAt(), phone.lastUsedAt());
        assertEquals(phone.createdAt().plus(RefreshSettings.DEFAULT_REMEMBER_ME_LIFETIME), phone.expiresAt());
        assertNull(phone.revokedAt());
        assertEquals(START.plus(Duration.ofDays(8)), active.get(1).lastUsedAt());
        assertFalse(active.stream().anyMatch(f -> f.id().equals(idle.family().id())));
    }

    @Test
    void purgeDeletesExpiredAndRevokedRowsAndKeepsLiveOnes() throws Exception {
        String alice = user();
        IssuedRefreshToken revoked = signIn(alice);
        families.revoke(revoked.family().id());
        IssuedRefreshToken idle = signIn(alice);
        IssuedRefreshToken live = signIn(alice);
        clock.advance(Duration.ofDays(6));
        String liveNow = rotated(service.rotate(live.token())).issued().token();
        clock.advance(Duration.ofDays(2));

        assertTrue(store.purge(clock.instant()) >= 5, "revoked family + token, idle family + token, used live token");

        assertTrue(store.find(hash(revoked.token())).isEmpty());
        assertTrue(store.find(hash(idle.token())).isEmpty());
        assertEquals(0, tokenCount(idle.family().id()));
        assertTrue(store.find(hash(live.token())).isEmpty(), "a used token past its own expiry is gone");
        assertEquals(1, tokenCount(live.family().id()));
        rotated(service.rotate(liveNow));
        assertEquals(List.of(live.family().id()), families.active(alice).stream().map(RefreshFamily::id).toList());
    }

    /** The log entries of these families, as the store answers {@code endedSince(since)}. */
    Map<String, Instant> ended(Instant since, String... familyIds) {
        Set<String> wanted = Set.of(familyIds);
        Map<String, Instant> found = new HashMap<>();
        for (EndedFamily f : store.endedSince(since)) {
            if (wanted.contains(f.familyId())) {
                assertNull(found.put(f.familyId(), f.endedAt()), "a family appears at most once");
            }
        }
        return found;
    }

    @Test
    void everyRevocationIsLoggedAsEndedOnceAndOutlivesThePurge() {
        String alice = user();
        String bob = user();
        IssuedRefreshToken signedOut = signIn(alice);
        IssuedRefreshToken laptop = signIn(alice);
        IssuedRefreshToken phone = signIn(alice);
        IssuedRefreshToken reused = signIn(bob);
        IssuedRefreshToken live = signIn(bob);
        String a = signedOut.family().id();
        String b = laptop.family().id();
        String c = phone.family().id();
        String d = reused.family().id();
        String e = live.family().id();
        assertEquals(Map.of(), ended(START, a, b, c, d, e), "nothing ended yet");

        Instant signOutAt = START.plusSeconds(1);
        clock.set(signOutAt);
        assertEquals(List.of(a), service.signOut(signedOut.token(), false).stream().map(RefreshFamily::id).toList());
        Instant everywhereAt = START.plusSeconds(2);
        clock.set(everywhereAt);
        assertEquals(2, service.signOut(laptop.token(), true).size());
        rotated(service.rotate(reused.token()));
        Instant reuseAt = everywhereAt.plus(GRACE).plusSeconds(1);
        clock.set(reuseAt);
        assertInstanceOf(RotationResult.Reused.class, service.rotate(reused.token()));
        assertFalse(families.revoke(a), "revoking again logs nothing new");
        IssuedRefreshToken byAdmin = signIn(bob);
        clock.set(reuseAt.plusSeconds(1));
        assertTrue(families.revoke(byAdmin.family().id()), "an administrator's revocation");
        assertEquals(Map.of(byAdmin.family().id(), reuseAt.plusSeconds(1)), ended(START, byAdmin.family().id()));

        assertEquals(Map.of(a, signOutAt, b, everywhereAt, c, everywhereAt, d, reuseAt),
                ended(START, a, b, c, d, e), "every way a family ends is logged, the live family is not");
        assertEquals(Map.of(b, everywhereAt, c, everywhereAt, d, reuseAt), ended(everywhereAt, a, b, c, d, e),
                "since is inclusive");

        clock.advance(RefreshSettings.DEFAULT_REMEMBER_ME_LIFETIME);
        store.purge(clock.instant());
        assertTrue(store.find(hash(signedOut.token())).isEmpty(), "the revoked family itself is purged");
        assertEquals(4, ended(START, a, b, c, d, e).size(), "its log entry is not");

        assertTrue(store.forgetEndedBefore(everywhereAt) >= 1);
        assertEquals(Map.of(b, everywhereAt, c, everywhereAt, d, reuseAt), ended(START, a, b, c, d, e),
                "only the entries that ended before are forgotten");
        store.forgetEndedBefore(reuseAt.plusMillis(1));
        assertEquals(Map.of(), ended(START, a, b, c, d, e));
    }

    @Test
    void aFamilyEndedDuringConcurrentRefreshesIsNeverRevived() throws Exception {
        IssuedRefreshToken first = signIn(user());
        String familyId = first.family().id();
        int threads = 16;
        CountDownLatch ready = new CountDownLatch(threads + 1);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        List<Future<RotationResult>> rotations = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                rotations.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return service.rotate(first.token());
                }));
            }
            Future<Boolean> revoke = pool.submit(() -> {
                ready.countDown();
                go.await();
                return families.revoke(familyId);
            });
            assertTrue(ready.await(30, TimeUnit.SECONDS));
            go.countDown();
            assertTrue(revoke.get(60, TimeUnit.SECONDS), "the revocation itself always succeeds");
            for (Future<RotationResult> f : rotations) {
                RotationResult r = f.get(60, TimeUnit.SECONDS);
                if (r instanceof Rotated won) {
                    // Rotated before the revocation committed: its successor must be dead now.
                    assertInvalid(InvalidReason.REVOKED, service.rotate(won.issued().token()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertInvalid(InvalidReason.REVOKED, service.rotate(first.token()));
        assertTrue(store.find(hash(first.token())).orElseThrow().family().revoked());
        assertTrue(families.active(first.family().user()).isEmpty());
        assertEquals(Map.of(familyId, START), ended(START, familyId), "logged once, with the revocation's time");
    }
}
