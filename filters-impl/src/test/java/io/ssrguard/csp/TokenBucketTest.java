package io.ssrguard.csp;

import io.ssrguard.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    @Test
    void allowsABurstOfCapacityThenRefillsEvenlyPerMinute() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        TokenBucket bucket = new TokenBucket(60, clock);
        for (int i = 0; i < 60; i++) {
            assertTrue(bucket.tryAcquire(), "burst " + i);
        }
        assertFalse(bucket.tryAcquire());
        clock.advance(Duration.ofMillis(999));
        assertFalse(bucket.tryAcquire(), "not yet a whole token");
        clock.advance(Duration.ofMillis(1));
        assertTrue(bucket.tryAcquire());
        assertFalse(bucket.tryAcquire());
        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 60; i++) {
            assertTrue(bucket.tryAcquire(), "refilled to capacity, not beyond: " + i);
        }
        assertFalse(bucket.tryAcquire());
    }
}
