package io.ssrguard.refresh;

import io.ssrguard.testing.MutableClock;
import static io.ssrguard.refresh.RefreshTokenFormat.hash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.auth.Caller;
import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SsrGuardProperties;
import io.ssrguard.refresh.RotationResult.Invalid;
import io.ssrguard.refresh.RotationResult.InvalidReason;
import io.ssrguard.refresh.RotationResult.Reused;
import io.ssrguard.refresh.RotationResult.Rotated;
import io.ssrguard.refresh.RotationResult.StoreUnavailable;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class RefreshTokenServiceTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final Caller ALICE = new Caller("alice", Set.of("user"));

    final SecureRandom random = new SecureRandom();
    final MutableClock clock = new MutableClock(NOW);
    final InMemoryRefreshTokenStore memory = new InMemoryRefreshTokenStore();
    final List<RefreshSecurityEvent> events = new ArrayList<>();

    RefreshSettings settings(byte[] key, String... properties) {
        MapSettings s = MapSettings.profile("prod")
                .with(SsrGuardProperties.REFRESH_SECRET, Base64.getEncoder().encodeToString(key));
        for (int i = 0; i < properties.length; i += 2) {
            s.with(properties[i], properties[i + 1]);
        }
        return RefreshSettings.load(s.reader(), random);
    }

    RefreshTokenService service(RefreshTokenStore store, RefreshSettings settings, Consumer<RefreshSecurityEvent> listener) {
        RefreshEventPublisher publisher = new RefreshEventPublisher(listener);
        return new RefreshTokenService(store, new StoredRefreshFamilies(store, publisher, clock), publisher, settings,
                clock, random);
    }

    RefreshTokenService service(RefreshTokenStore store) {
        return service(store, settings(KEY), events::add);
    }

    static Rotated rotated(RotationResult result) {
        return assertInstanceOf(Rotated.class, result, () -> "expected a rotation, got " + result);
    }

    static String hmac(byte[] key, String token) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(token.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void tokensAre256RandomBitsInUnpaddedBase64url() {
        RefreshTokenService service = service(memory);
        String a = service.issue(ALICE, false, "a").token();
        String b = service.issue(ALICE, false, "b").token();

        assertEquals(32, Base64.getUrlDecoder().decode(a).length);
        assertTrue(a.matches("[A-Za-z0-9_-]{43}"), a);
        assertNotEquals(a, b);
        assertTrue(memory.find(a).isEmpty() && memory.find(hash(a)).isPresent());
    }

    @Test
    void successorIsTheHmacOfThePresentedTokenUnderTheSecret() throws Exception {
        RefreshTokenService service = service(memory);
        String token = service.issue(ALICE, false, "").token();

        assertEquals(hmac(KEY, token), rotated(service.rotate(token)).issued().token());
    }

    @Test
    void graceWindowIncludesItsLastMillisecondAndReuseStartsRightAfter() {
        RefreshTokenService service = service(memory, settings(KEY, SsrGuardProperties.REFRESH_GRACE_WINDOW, "5"), events::add);
        String first = service.issue(ALICE, false, "").token();
        String second = service.issue(ALICE, false, "").token();
        String successor = rotated(service.rotate(first)).issued().token();
        rotated(service.rotate(second));

        clock.advance(Duration.ofSeconds(5));
        Rotated replay = rotated(service.rotate(first));
        assertTrue(replay.replayed());
        assertEquals(successor, replay.issued().token());

        clock.advance(Duration.ofMillis(1));
        assertInstanceOf(Reused.class, service.rotate(second));
    }

    @Test
    void losingARaceConvergesOnTheWinnersSuccessor() throws Exception {
        // Another node rotates the token between this node's look-up and its insert.
        RefreshTokenStore racing = new ForwardingStore(memory) {
            @Override
            public boolean rotate(String presentedHash, RefreshTokenEntry successor) {
                assertTrue(memory.rotate(presentedHash, successor));
                return false;
            }
        };
        String token = service(memory).issue(ALICE, false, "").token();

        Rotated result = rotated(service(racing).rotate(token));

        assertTrue(result.replayed());
        assertEquals(hmac(KEY, token), result.issued().token());
        assertEquals(2, memory.tokenCount(result.issued().family().id()));
    }

    @Test
    void aRotationThatNeverSettlesIsReportedAsUnavailableNotInvalid() {
        RefreshTokenStore stuck = new ForwardingStore(memory) {
            @Override
            public boolean rotate(String presentedHash, RefreshTokenEntry successor) {
                return false;
            }
        };
        String token = service(memory).issue(ALICE, false, "").token();

        assertInstanceOf(StoreUnavailable.class, service(stuck).rotate(token));
    }

    @Test
    void aFailingStoreIsUnavailableNeverInvalid() {
        String token = service(memory).issue(ALICE, false, "").token();
        RefreshTokenStore down = new ForwardingStore(memory) {
            @Override
            public Optional<StoredRefreshToken> find(String tokenHash) {
                throw new RefreshStoreUnavailableException("down", null);
            }

            @Override
            public void create(RefreshFamily family, RefreshTokenEntry first) {
                throw new RefreshStoreUnavailableException("down", null);
            }
        };
        RefreshTokenService service = service(down);

        assertEquals(new StoreUnavailable("down"), service.rotate(token));
        assertThrows(RefreshStoreUnavailableException.class, () -> service.issue(ALICE, false, ""));
        rotated(service(memory).rotate(token));
    }

    @Test
    void aFailingRevocationOnReuseIsUnavailableAndDetectedAgainLater() {
        RefreshTokenService service = service(memory);
        String token = service.issue(ALICE, false, "").token();
        rotated(service.rotate(token));
        clock.advance(Duration.ofMinutes(1));
        RefreshTokenStore readOnly = new ForwardingStore(memory) {
            @Override
            public Optional<RefreshFamily> revokeFamily(String familyId, Instant at) {
                throw new RefreshStoreUnavailableException("read-only", null);
            }
        };

        assertInstanceOf(StoreUnavailable.class, service(readOnly).rotate(token));
        assertInstanceOf(Reused.class, service.rotate(token));
    }

    @Test
    void nodesWithDifferentSecretsDoNotHandOutEachOthersSuccessors() {
        RefreshTokenService nodeA = service(memory);
        RefreshTokenService nodeB = service(memory, settings("another key, also thirty-two bytes"
                .getBytes(StandardCharsets.US_ASCII)), events::add);
        String token = nodeA.issue(ALICE, false, "").token();
        rotated(nodeA.rotate(token));

        assertEquals(new Invalid(InvalidReason.SUCCESSOR_MISMATCH), nodeB.rotate(token));
    }

    @Test
    void tokensNeverOutliveTheirFamilyAndRememberMeLivesLonger() {
        RefreshTokenService service = service(memory, settings(KEY, SsrGuardProperties.REFRESH_LIFETIME, "PT1H",
                SsrGuardProperties.REFRESH_REMEMBER_ME_LIFETIME, "P30D"), events::add);

        IssuedRefreshToken session = service.issue(ALICE, false, "");
        IssuedRefreshToken remembered = service.issue(ALICE, true, "");

        assertEquals(NOW.plus(Duration.ofHours(1)), session.expiresAt());
        assertEquals(session.expiresAt(), session.family().expiresAt());
        assertFalse(session.rememberMe());
        assertEquals(NOW.plus(RefreshSettings.DEFAULT_IDLE_TIMEOUT), remembered.expiresAt());
        assertEquals(NOW.plus(Duration.ofDays(30)), remembered.family().expiresAt());
        assertTrue(remembered.rememberMe());
        clock.advance(Duration.ofMinutes(59));
        assertEquals(session.family().expiresAt(), rotated(service.rotate(session.token())).issued().expiresAt());
    }

    @Test
    void rotationAndReplayAreReportedAsEvents() {
        RefreshTokenService service = service(memory);
        IssuedRefreshToken issued = service.issue(ALICE, true, "Firefox");
        String id = issued.family().id();
        service.rotate(issued.token());
        service.rotate(issued.token());

        assertEquals(List.of(new RefreshFamilyStarted(id, "alice", "Firefox", true, NOW),
                new RefreshTokenRotated(id, "alice", false, NOW),
                new RefreshTokenRotated(id, "alice", true, NOW)), events);
    }

    @Test
    void aFailingEventListenerDoesNotBreakRotation() {
        RefreshTokenService service = service(memory, settings(KEY), e -> {
            throw new IllegalStateException("observer bug");
        });
        String token = service.issue(ALICE, false, "").token();

        rotated(service.rotate(token));
    }

    @Test
    void theCallerAndGroupsOfTheSignInComeBackOnRotation() {
        RefreshTokenService service = service(memory);
        Caller admin = new Caller("admin", Set.of("user", "admin"));
        String token = service.issue(admin, false, "").token();

        assertEquals(admin, rotated(service.rotate(token)).issued().caller());
    }

    @Test
    void deviceLabelsArePrintableAsciiAndShort() {
        assertEquals("Mozilla/5.0 (X11) caf?", RefreshTokenService.deviceLabel("  Mozilla/5.0 (X11) caf\u00e9\n"));
        assertEquals(RefreshTokenService.MAX_DEVICE_LENGTH, RefreshTokenService.deviceLabel("x".repeat(1000)).length());
        assertEquals("", RefreshTokenService.deviceLabel(null));
    }

    @Test
    void overlongUserNamesAreRefusedAtSignIn() {
        RefreshTokenService service = service(memory);
        assertThrows(IllegalArgumentException.class,
                () -> service.issue(new Caller("a".repeat(256), Set.of()), false, ""));
    }

    @Test
    void issuedTokensNeverAppearInTheirStringForm() {
        IssuedRefreshToken issued = service(memory).issue(ALICE, false, "");
        String text = issued.toString() + rotated(service(memory).rotate(issued.token()));

        assertFalse(text.contains(issued.token()), text);
        assertTrue(text.contains(RefreshTokenFormat.prefix(hash(issued.token()))), text);
    }

    /** Passes everything to another store; tests override what they want to break. */
    static class ForwardingStore implements RefreshTokenStore {
        private final RefreshTokenStore delegate;

        ForwardingStore(RefreshTokenStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public void create(RefreshFamily family, RefreshTokenEntry first) {
            delegate.create(family, first);
        }

        @Override
        public Optional<StoredRefreshToken> find(String tokenHash) {
            return delegate.find(tokenHash);
        }

        @Override
        public boolean rotate(String presentedHash, RefreshTokenEntry successor) {
            return delegate.rotate(presentedHash, successor);
        }

        @Override
        public Optional<RefreshFamily> revokeFamily(String familyId, Instant at) {
            return delegate.revokeFamily(familyId, at);
        }

        @Override
        public List<RefreshFamily> revokeUser(String user, Instant at) {
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
