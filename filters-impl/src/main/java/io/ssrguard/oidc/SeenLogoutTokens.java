package io.ssrguard.oidc;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code jti}s of the logout tokens this node accepted, each kept until its
 * token would be refused anyway ({@link LogoutTokenCheck.LogoutToken#acceptableUntil()},
 * at most {@link LogoutTokenCheck#MAX_AGE} plus the skew), so that a replayed
 * token is refused for its whole lifetime.
 *
 * <p>Bounded: only tokens that passed the signature check get here, the endpoint's
 * rate limit caps how many arrive per minute, and past {@link #capacity} entries
 * (after a sweep) a new token is turned away with 503, which a provider retries;
 * memory never grows without bound.
 *
 * <p>Per node by design: a replay sent to another node of a cluster would end the
 * same sessions a second time, which are already ended (every node refuses them
 * through the shared store), so it gains an attacker nothing.
 *
 * <p>A {@code jti} is reserved before the sessions are ended and released if
 * ending them failed, so that the provider's retry of the same token is not
 * taken for a replay.
 */
public final class SeenLogoutTokens {

    /** A backstop far above what the default rate limit lets in during one token lifetime. */
    public static final int DEFAULT_CAPACITY = 20_000;

    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final int capacity;
    private final Clock clock;

    public SeenLogoutTokens(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    /** The outcome of {@link #reserve}. */
    public enum Reservation {
        /** First time this jti is seen (within its lifetime): go ahead. */
        RESERVED,
        /** Seen before: a replay. */
        REPLAYED,
        /** The memory is full of live entries: try again later. */
        FULL
    }

    /** Marks {@code jti} as seen until {@code until}. */
    public Reservation reserve(String jti, Instant until) {
        Instant now = clock.instant();
        if (seen.size() >= capacity) {
            seen.values().removeIf(expiry -> expiry.isBefore(now));
            if (seen.size() >= capacity) {
                return Reservation.FULL;
            }
        }
        Instant previous = seen.putIfAbsent(jti, until);
        if (previous == null || previous.isBefore(now) && seen.replace(jti, previous, until)) {
            return Reservation.RESERVED;
        }
        return Reservation.REPLAYED;
    }

    /** Forgets a reservation whose work failed, so that the provider's retry is accepted. */
    public void release(String jti) {
        seen.remove(jti);
    }
}
