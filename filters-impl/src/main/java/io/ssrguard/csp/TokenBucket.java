package io.ssrguard.csp;

import java.time.Clock;

/**
 * A token bucket: up to {@code capacity} events at once, refilled evenly at
 * {@code capacity} per minute. Per node and in memory, which is enough to keep a
 * flood of reports from filling the log, or of logout tokens from costing a
 * signature check each.
 */
public final class TokenBucket {

    private static final double MILLIS_PER_MINUTE = 60_000d;

    private final int capacity;
    private final Clock clock;
    private double tokens;
    private long lastRefill;

    public TokenBucket(int capacityPerMinute, Clock clock) {
        this.capacity = capacityPerMinute;
        this.clock = clock;
        this.tokens = capacityPerMinute;
        this.lastRefill = clock.millis();
    }

    /** Takes one token if there is one. */
    public synchronized boolean tryAcquire() {
        long now = clock.millis();
        if (now > lastRefill) {
            tokens = Math.min(capacity, tokens + (now - lastRefill) * capacity / MILLIS_PER_MINUTE);
            lastRefill = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
