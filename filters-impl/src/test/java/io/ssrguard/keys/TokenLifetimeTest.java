package io.ssrguard.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ssrguard.keys.TokenLifetime.Verdict;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenLifetimeTest {

    static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void aTokenOpensFromItsIssueTimeUntilJustBeforeTheTtlEnds() {
        TokenLifetime lifetime = new TokenLifetime(Duration.ofSeconds(60), Duration.ofSeconds(30));
        assertEquals(Verdict.CURRENT, lifetime.judge(NOW, NOW));
        assertEquals(Verdict.CURRENT, lifetime.judge(NOW.minusSeconds(60).plusMillis(1), NOW));
        assertEquals(Verdict.EXPIRED, lifetime.judge(NOW.minusSeconds(60), NOW), "the TTL's end is already expired");
    }

    @Test
    void anIssueTimeAheadOfTheClockIsAcceptedOnlyWithinTheTolerance() {
        TokenLifetime lifetime = new TokenLifetime(Duration.ofSeconds(60), Duration.ofSeconds(30));
        assertEquals(Verdict.CURRENT, lifetime.judge(NOW.plusSeconds(30), NOW));
        assertEquals(Verdict.ISSUED_IN_THE_FUTURE, lifetime.judge(NOW.plusSeconds(30).plusMillis(1), NOW));
        TokenLifetime shorterThanTolerance = new TokenLifetime(Duration.ofSeconds(10), Duration.ofSeconds(30));
        assertEquals(Verdict.ISSUED_IN_THE_FUTURE, shorterThanTolerance.judge(NOW.plusSeconds(31), NOW),
                "the future is judged before the expiry");
    }

    @Test
    void betweenNodesAllowsAMinuteOfClockDifference() {
        TokenLifetime lifetime = TokenLifetime.betweenNodes(Duration.ofMinutes(5));
        assertEquals(Duration.ofMinutes(1), lifetime.futureTolerance());
        assertEquals(Verdict.CURRENT, lifetime.judge(NOW.plusSeconds(60), NOW));
        assertEquals(Verdict.ISSUED_IN_THE_FUTURE, lifetime.judge(NOW.plusSeconds(61), NOW));
    }
}
