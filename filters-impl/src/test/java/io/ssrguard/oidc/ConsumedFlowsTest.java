package io.ssrguard.oidc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsumedFlowsTest {

    @Test
    void aFlowCompletesOnceAndItsReplayIsRefused() {
        ConsumedFlows flows = new ConsumedFlows(Duration.ofMinutes(5), Clock.systemUTC());
        assertTrue(flows.consume("state-a"));
        assertFalse(flows.consume("state-a"));
        assertTrue(flows.consume("state-b"));
    }

    @Test
    void entriesOutliveTheFlowCookieThenMayBeSwept() {
        MutableClock clock = new MutableClock();
        ConsumedFlows flows = new ConsumedFlows(Duration.ofMinutes(5), clock);
        assertTrue(flows.consume("state-a"));
        clock.advance(Duration.ofMinutes(5));
        assertFalse(flows.consume("state-a"), "still refused while a copied cookie could open");
        clock.advance(Duration.ofMinutes(2));
        // The cookie itself has expired by now, so the codec refuses first; the entry may go.
        for (int i = 0; i < 1_100; i++) {
            flows.consume("filler-" + i);
        }
        assertTrue(flows.consume("state-a"));
    }
}
