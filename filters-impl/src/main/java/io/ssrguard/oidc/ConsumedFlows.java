package io.ssrguard.oidc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The flows this node has completed, remembered until their flow-state cookie
 * would have expired anyway, so that a callback replayed with a copy of the
 * cookie is refused even by a provider that lets an authorization code be
 * redeemed twice. Per node by design: across a cluster, the providers' own
 * single-use codes are the barrier, and this is the second one.
 */
public final class ConsumedFlows {

    /** Past this many entries, expired ones are swept on insert. */
    private static final int SWEEP_THRESHOLD = 1_000;

    private final Map<String, Instant> consumed = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    /** @param ttl how long a flow state opens, so how long a replay must be refused */
    public ConsumedFlows(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Marks a flow as completed; false when it already was (a replay). */
    public boolean consume(String state) {
        Instant now = clock.instant();
        if (consumed.size() > SWEEP_THRESHOLD) {
            consumed.values().removeIf(until -> until.isBefore(now));
        }
        Instant until = now.plus(ttl).plus(Duration.ofMinutes(1));
        Instant previous = consumed.putIfAbsent(state, until);
        return previous == null || previous.isBefore(now) && consumed.replace(state, previous, until);
    }
}
