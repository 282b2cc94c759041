package io.ssrguard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration LOCKOUT = Duration.ofMinutes(10);

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    final List<SignInLockedOut> events = new ArrayList<>();

    SignInThrottle throttle(int accountFailures, int addressFailures, int maxEntries) {
        return new SignInThrottle(new ThrottleSettings(true, accountFailures, addressFailures, WINDOW, LOCKOUT,
                maxEntries), clock, events::add);
    }

    @Test
    void theNthFailureLocksTheAccountOutForTheLockoutAndThenItIsFree() {
        SignInThrottle t = throttle(3, 100, 1000);
        t.failed("alice", "192.0.2.1");
        t.failed("alice", "192.0.2.2");
        assertEquals(Optional.empty(), t.lockedUntil("alice", "192.0.2.3"), "two failures: not yet");
        t.failed("alice", "192.0.2.3");
        Instant until = clock.instant().plus(LOCKOUT);
        assertEquals(Optional.of(until), t.lockedUntil("alice", "198.51.100.1"), "from any address");
        assertEquals(Optional.of(until), t.lockedUntil("ALICE", "198.51.100.1"), "whatever the case");
        assertEquals(Optional.empty(), t.lockedUntil("bob", "192.0.2.3"), "another account is not");
        assertEquals(List.of(new SignInLockedOut(SignInLockedOut.Kind.ACCOUNT, "alice", 3, until)), events);

        clock.advance(LOCKOUT.minusSeconds(1));
        assertTrue(t.lockedUntil("alice", "192.0.2.3").isPresent());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), t.lockedUntil("alice", "192.0.2.3"), "over at the lockout's end");
        t.failed("alice", "192.0.2.3");
        assertEquals(Optional.empty(), t.lockedUntil("alice", "192.0.2.3"), "the whole threshold again after it");
    }

    @Test
    void failuresOutsideTheWindowAreForgotten() {
        SignInThrottle t = throttle(3, 100, 1000);
        t.failed("alice", "192.0.2.1");
        t.failed("alice", "192.0.2.1");
        clock.advance(WINDOW);
        t.failed("alice", "192.0.2.1");
        assertEquals(Optional.empty(), t.lockedUntil("alice", "192.0.2.1"));
    }

    @Test
    void aSuccessForgetsTheAccountsFailuresButNotTheAddresss() {
        SignInThrottle t = throttle(3, 4, 1000);
        t.failed("alice", "192.0.2.1");
        t.failed("alice", "192.0.2.1");
        t.succeeded("alice");
        t.failed("alice", "192.0.2.1");
        assertEquals(Optional.empty(), t.accountLockedUntil("alice"));
        // The address has three failures; an attacker's own good sign-in does not reset them.
        t.succeeded("mallory");
        t.failed("bob", "192.0.2.1");
        assertTrue(t.addressLockedUntil("192.0.2.1").isPresent(), "the fourth failure from the address");
        assertTrue(t.lockedUntil("carol", "192.0.2.1").isPresent(), "every account from that address");
        assertFalse(t.lockedUntil("carol", "192.0.2.9").isPresent(), "another address is free");
        assertEquals(SignInLockedOut.Kind.ADDRESS, events.get(events.size() - 1).kind());
    }

    @Test
    void anAdministratorLiftsALockout() {
        SignInThrottle t = throttle(1, 1, 1000);
        t.failed("alice", "192.0.2.1");
        assertTrue(t.accountLockedUntil("alice").isPresent());
        assertTrue(t.clearAccount("Alice"));
        assertFalse(t.accountLockedUntil("alice").isPresent());
        assertFalse(t.clearAccount("alice"), "nothing left to lift");
        assertTrue(t.clearAddress("192.0.2.1"));
        assertEquals(Optional.empty(), t.lockedUntil("alice", "192.0.2.1"));
    }

    @Test
    void aFloodOfMadeUpNamesNeitherGrowsTheMemoryNorLiftsALockout() {
        SignInThrottle t = throttle(2, 1_000_000, 100);
        t.failed("alice", "192.0.2.1");
        t.failed("alice", "192.0.2.1");
        for (int i = 0; i < 10_000; i++) {
            t.failed("guess-" + i, "192.0.2." + (i % 200));
        }
        assertTrue(t.accountLockedUntil("alice").isPresent(), "a lockout in force survives the flood");
        FailureWindows windows = new FailureWindows(2, WINDOW, LOCKOUT, 100);
        for (int i = 0; i < 10_000; i++) {
            windows.fail("guess-" + i, clock.instant());
        }
        assertTrue(windows.size() <= 100, "bounded: " + windows.size());
    }

    @Test
    void theLockoutSaysWhenToComeBackRoundedUp() {
        assertEquals(1, new TooManyAttemptsException(Duration.ofMillis(1), "x").retryAfterSeconds());
        assertEquals(2, new TooManyAttemptsException(Duration.ofMillis(1001), "x").retryAfterSeconds());
        assertEquals(1, new TooManyAttemptsException(Duration.ofMillis(-5), "x").retryAfterSeconds());
    }
}
