package io.ssrguard.oidc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ConsumedFlowsTest {

    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aFlowCompletesOnceAndItsReplayIsRefused() {
        ConsumedFlows flows = new ConsumedFlows(Duration.ofMinutes(5), Clock.systemUTC());
        assertTrue(flows.consume("state-a"));
        assertFalse(flows.consume("state-a"));
        assertTrue(flows.consume("state-b"));
    }

    @Test
    void entriesOutliveTheFlowCookieThenMayBeSwept() {
        MovingClock clock = new MovingClock();
        ConsumedFlows flows = new ConsumedFlows(Duration.ofMinutes(5), clock);
        assertTrue(flows.consume("state-a"));
        clock.now = clock.now.plus(Duration.ofMinutes(5));
        assertFalse(flows.consume("state-a"), "still refused while a copied cookie could open");
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        // The cookie itself has expired by now, so the codec refuses first; the entry may go.
        for (int i = 0; i < 1_100; i++) {
            flows.consume("filler-" + i);
        }
        assertTrue(flows.consume("state-a"));
    }
}
