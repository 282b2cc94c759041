package io.ssrguard.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ssrguard.oidc.SeenLogoutTokens.Reservation;
import io.ssrguard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SeenLogoutTokensTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T12:00:00Z"));
    final SeenLogoutTokens seen = new SeenLogoutTokens(3, clock);

    @Test
    void aJtiIsRefusedForItsLifetimeAndAcceptedAfter() {
        Instant until = clock.instant().plusSeconds(120);
        assertEquals(Reservation.RESERVED, seen.reserve("a", until));
        assertEquals(Reservation.REPLAYED, seen.reserve("a", until));
        clock.advance(Duration.ofSeconds(121));
        assertEquals(Reservation.RESERVED, seen.reserve("a", clock.instant().plusSeconds(120)),
                "past its lifetime the token itself is refused anyway; the entry may be reused");
    }

    @Test
    void aReleasedReservationIsAcceptedAgain() {
        Instant until = clock.instant().plusSeconds(120);
        seen.reserve("a", until);
        seen.release("a");
        assertEquals(Reservation.RESERVED, seen.reserve("a", until));
    }

    @Test
    void memoryIsBoundedAndSweptOfExpiredEntries() {
        Instant soon = clock.instant().plusSeconds(10);
        seen.reserve("a", soon);
        seen.reserve("b", soon);
        seen.reserve("c", clock.instant().plusSeconds(300));
        assertEquals(Reservation.FULL, seen.reserve("d", clock.instant().plusSeconds(300)));
        clock.advance(Duration.ofSeconds(11));
        assertEquals(Reservation.RESERVED, seen.reserve("d", clock.instant().plusSeconds(300)));
        assertEquals(Reservation.REPLAYED, seen.reserve("c", clock.instant().plusSeconds(300)));
    }
}
