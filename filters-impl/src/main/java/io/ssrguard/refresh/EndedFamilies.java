package io.ssrguard.refresh;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The refresh families this node knows to have ended, so that the access
 * tokens they issued (their {@code sid}) are refused before they expire. Filled
 * at once by this node's own revocations and, for the other nodes' revocations,
 * by {@link EndedFamiliesPoller} from the store's log; read on every request.
 *
 * <p>An entry is kept for {@code retention} after its family ended: the longest
 * an access token issued before the end can still pass the codec's expiry
 * check (its lifetime plus the clock skew, plus a margin for a token signed
 * just after a racing rotation). After that the codec refuses the token by
 * itself and the entry only costs memory, so it is dropped.
 *
 * <p>Lock-free on the request path: one {@link ConcurrentHashMap} look-up.
 */
public final class EndedFamilies {

    private final Duration retention;
    /** Family id to the epoch millisecond from which the entry may be dropped. */
    private final ConcurrentHashMap<String, Long> keepUntil = new ConcurrentHashMap<>();

    /** @param retention how long after its end a family's access tokens may still be unexpired */
    public EndedFamilies(Duration retention) {
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    /** The retention for access tokens of {@code accessTokenTtl} checked with {@code clockSkew}. */
    public static Duration retention(Duration accessTokenTtl, Duration clockSkew) {
        // The margin covers a token signed a moment after the end by a rotation that won the race just before it.
        return accessTokenTtl.plus(clockSkew).plus(Duration.ofMinutes(1));
    }

    /** How long an entry is kept after its family ended. */
    public Duration retention() {
        return retention;
    }

    /** Whether the family (an access token's {@code sid}) has ended; {@code null} never has. */
    public boolean contains(String familyId) {
        return familyId != null && keepUntil.containsKey(familyId);
    }

    /** Records that a family ended at {@code endedAt}; recording it again changes nothing that matters. */
    public void add(String familyId, Instant endedAt) {
        keepUntil.merge(familyId, endedAt.plus(retention).toEpochMilli(), Math::max);
    }

    /** Drops the entries whose families' access tokens have all expired at {@code now}. */
    public void forgetExpired(Instant now) {
        long millis = now.toEpochMilli();
        keepUntil.values().removeIf(until -> until <= millis);
    }

    /** How many ended families are known here now. */
    public int size() {
        return keepUntil.size();
    }
}
