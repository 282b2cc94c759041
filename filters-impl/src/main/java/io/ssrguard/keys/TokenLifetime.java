package io.ssrguard.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a sealed token that carries its issue time is still good: issued no further ahead of this
 * node's clock than {@code futureTolerance} (another node's clock running ahead), and opened
 * before {@code issuedAt + ttl}. One rule for the CSRF and SSR tokens, the OpenID Connect flow
 * cookie and the passkey challenge cookie; each codec words the refusal for its own log.
 *
 * @param ttl             how long after its issue time a token opens
 * @param futureTolerance how far in the future its issue time may lie
 */
public record TokenLifetime(Duration ttl, Duration futureTolerance) {

    /**
     * How far ahead the issue time of a token that only the pack's own nodes seal may lie: their
     * clocks are synchronised, so anything further ahead was not sealed by a node with a sane clock.
     */
    public static final Duration NODE_CLOCK_TOLERANCE = Duration.ofMinutes(1);

    public TokenLifetime {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(futureTolerance, "futureTolerance");
    }

    /** A lifetime for a token sealed and opened only by the pack's own nodes ({@link #NODE_CLOCK_TOLERANCE}). */
    public static TokenLifetime betweenNodes(Duration ttl) {
        return new TokenLifetime(ttl, NODE_CLOCK_TOLERANCE);
    }

    /** What the issue time says about a token opened at {@code now}. */
    public enum Verdict {
        /** Within its lifetime. */
        CURRENT,
        /** Issued further in the future than the tolerance allows. */
        ISSUED_IN_THE_FUTURE,
        /** Its TTL has passed (a token opened exactly at {@code issuedAt + ttl} has expired). */
        EXPIRED
    }

    /** Judges a token issued at {@code issuedAt} and presented at {@code now}; the future is checked first. */
    public Verdict judge(Instant issuedAt, Instant now) {
        if (issuedAt.isAfter(now.plus(futureTolerance))) {
            return Verdict.ISSUED_IN_THE_FUTURE;
        }
        if (!now.isBefore(issuedAt.plus(ttl))) {
            return Verdict.EXPIRED;
        }
        return Verdict.CURRENT;
    }
}
