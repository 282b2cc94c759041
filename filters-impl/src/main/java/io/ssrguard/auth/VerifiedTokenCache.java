package io.ssrguard.auth;

import static io.ssrguard.config.SsrGuardProperties.AUTH_TOKEN_CACHE_SIZE;

import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.http.PresentedToken;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Access tokens that have already passed verification, so that a token
 * presented again (every request of a signed-in browser carries the same one)
 * skips the signature check: ES256 and RS256 then cost what HS256 costs.
 *
 * <p><b>Key.</b> The whole compact token, compared in full and in constant
 * time ({@link PresentedToken}). Never the signature alone, since a token with
 * a tampered payload and a copied signature would then find the genuine
 * token's entry: any change to any character gives another key, which misses
 * and goes through the full verification. Only tokens that passed it become
 * keys, so an attacker cannot add entries, let alone crowd a bucket. (An
 * earlier key was SHA-256 of the token, so that the cache held no usable
 * credential; hashing every token was the most expensive step of a cached
 * check. The tokens kept here are the ones this process just received and
 * verified, for at most their own lifetime; a process whose memory can be read
 * has its signing keys or its live requests read as well, so holding them adds
 * no exposure worth a hash per request.)
 *
 * <p><b>Validity.</b> An entry is served only while {@code exp} plus the
 * codec's clock skew (whole seconds, as the codec applies it) lies after the
 * injected clock's now: exactly the window in which the codec itself would
 * accept the token. The clock is read on every hit.
 *
 * <p><b>Bound.</b> At most {@code maxSize} entries (roughly a kilobyte
 * each, the token included). When full, expired entries go first, then as many more as it takes
 * to free a tenth of the room, in the map's (hash, so effectively random)
 * order. Dropping an entry only costs its token one more full verification.
 *
 * <p><b>Revocation.</b> {@link #evictSession(String)} drops every entry of a
 * login session (refresh family). A verification that was already running when
 * the eviction started does not put its entry back afterwards.
 *
 * <p>Thread-safe without locks on the request path: a {@link ConcurrentHashMap},
 * an atomic size counter, and one thread at a time making room.
 */
public final class VerifiedTokenCache {

    private static final Logger LOG = Logger.getLogger(VerifiedTokenCache.class.getName());

    /** Entries kept when {@code ssrguard.auth.token-cache-size} is not set. */
    public static final int DEFAULT_MAX_SIZE = 10_000;
    /** Making room frees at least one entry in this many. */
    private static final int EVICT_SHARE = 10;

    private final int maxSize;
    private final long clockSkewMillis;
    private final Clock clock;
    private final ConcurrentHashMap<PresentedToken, Entry> entries;
    /** Counts entries apart from the map, so that a reservation can be taken before inserting: a hard bound. */
    private final AtomicInteger size = new AtomicInteger();
    /** Bumped by every session eviction; an insert that sees it move undoes itself. */
    private final AtomicLong evictions = new AtomicLong();
    private final AtomicBoolean makingRoom = new AtomicBoolean();

    /**
     * @param maxSize   most entries kept; {@code 0} disables the cache
     * @param clockSkew the access tokens' clock skew ({@link AuthSettings#clockSkew()})
     * @param clock     the time an entry's expiry is checked against; the codec's clock
     */
    public VerifiedTokenCache(int maxSize, Duration clockSkew, Clock clock) {
        if (maxSize < 0) {
            throw new IllegalArgumentException("maxSize must not be negative");
        }
        this.maxSize = maxSize;
        // The codec hands nimbus the skew in whole seconds; the cache must not accept a millisecond more.
        this.clockSkewMillis = clockSkew.toSeconds() * 1000L;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.entries = new ConcurrentHashMap<>(Math.min(maxSize, DEFAULT_MAX_SIZE));
    }

    /**
     * Reads {@code ssrguard.auth.token-cache-size} and builds the cache.
     *
     * @throws SettingsException naming the property when it is not a whole number of at least 0
     */
    public static VerifiedTokenCache load(SettingsReader settings, Duration clockSkew, Clock clock) {
        int maxSize = settings.integer(AUTH_TOKEN_CACHE_SIZE, DEFAULT_MAX_SIZE, 0, Integer.MAX_VALUE);
        LOG.info(() -> maxSize == 0 ? "SSR Guard token cache: off (" + AUTH_TOKEN_CACHE_SIZE + "=0)"
                : "SSR Guard token cache: up to " + maxSize + " verified access tokens");
        return new VerifiedTokenCache(maxSize, clockSkew, clock);
    }

    /** Whether tokens are cached at all. */
    public boolean enabled() {
        return maxSize > 0;
    }

    /** The most entries kept. */
    public int maxSize() {
        return maxSize;
    }

    /** How many entries are kept now (expired ones included until they are looked up or pushed out). */
    public int size() {
        return size.get();
    }

    /**
     * The cached verification of {@code token} while it is unexpired; otherwise
     * runs {@code verifier} and caches what it accepts. Rejections are never cached.
     *
     * @throws InvalidAccessTokenException whatever {@code verifier} throws
     */
    public VerifiedAccessToken verify(String token, AccessTokenVerifier verifier) throws InvalidAccessTokenException {
        if (!enabled() || token == null || token.isEmpty() || token.length() > AuthSettings.MAX_TOKEN_LENGTH) {
            // Nothing worth keeping: the verifier refuses these at once.
            return verifier.verify(token);
        }
        PresentedToken key = new PresentedToken(token);
        Entry hit = entries.get(key);
        if (hit != null) {
            if (clock.millis() < hit.validUntilMillis()) {
                return hit.token();
            }
            remove(key, hit);
        }
        long evictionsBefore = evictions.get();
        VerifiedAccessToken verified = verifier.verify(token);
        put(key, new Entry(verified, verified.expiresAt().toEpochMilli() + clockSkewMillis), evictionsBefore);
        return verified;
    }

    /**
     * Drops every entry of a login session, so that none of its tokens is
     * served from here any more. Called when a refresh family is revoked
     * (sign-out, reuse detection). A linear scan: revocations are rare, and
     * a second index by session would cost every insert.
     *
     * @param sessionId the {@code sid} (refresh family id); {@code null} does nothing
     */
    public void evictSession(String sessionId) {
        if (sessionId == null || !enabled()) {
            return;
        }
        // Bump first: an insert racing with this scan either is seen by it or sees the bump and undoes itself.
        evictions.incrementAndGet();
        int dropped = 0;
        for (Iterator<Map.Entry<PresentedToken, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<PresentedToken, Entry> e = it.next();
            if (sessionId.equals(e.getValue().token().sessionId()) && remove(e.getKey(), e.getValue())) {
                dropped++;
            }
        }
        int count = dropped;
        LOG.fine(() -> "SSR Guard token cache: dropped " + count + " token(s) of a revoked session");
    }

    private void put(PresentedToken key, Entry entry, long evictionsBefore) {
        if (!reserve()) {
            makeRoom();
            if (!reserve()) {
                // Another thread filled the room first; this token simply is verified again next time.
                return;
            }
        }
        if (entries.putIfAbsent(key, entry) != null) {
            // A concurrent request with the same token got there first.
            size.decrementAndGet();
            return;
        }
        if (evictions.get() != evictionsBefore) {
            // A session was evicted while this token was being verified: the entry may belong to it.
            remove(key, entry);
        }
    }

    /** Takes one slot if there is one; the counter itself never goes past the bound, not even for a moment. */
    private boolean reserve() {
        int current;
        do {
            current = size.get();
            if (current >= maxSize) {
                return false;
            }
        } while (!size.compareAndSet(current, current + 1));
        return true;
    }

    private boolean remove(PresentedToken key, Entry entry) {
        if (entries.remove(key, entry)) {
            size.decrementAndGet();
            return true;
        }
        return false;
    }

    /**
     * Drops expired entries, then, if that freed less than a tenth of the room,
     * further entries in the map's order down to nine tenths full, so that a
     * full cache is not scanned again on the very next insert. One thread at a time.
     */
    private void makeRoom() {
        if (!makingRoom.compareAndSet(false, true)) {
            return;
        }
        try {
            long now = clock.millis();
            for (Map.Entry<PresentedToken, Entry> e : entries.entrySet()) {
                if (now >= e.getValue().validUntilMillis()) {
                    remove(e.getKey(), e.getValue());
                }
            }
            int target = maxSize - Math.max(1, maxSize / EVICT_SHARE);
            int dropped = 0;
            for (Iterator<Map.Entry<PresentedToken, Entry>> it = entries.entrySet().iterator();
                    size.get() > target && it.hasNext(); ) {
                Map.Entry<PresentedToken, Entry> e = it.next();
                if (remove(e.getKey(), e.getValue())) {
                    dropped++;
                }
            }
            if (dropped > 0) {
                int count = dropped;
                LOG.log(Level.FINE, () -> "SSR Guard token cache full at " + maxSize
                        + " unexpired tokens; dropped " + count);
            }
        } finally {
            makingRoom.set(false);
        }
    }

    /** A verified token and the instant (epoch millis) from which the codec would refuse it. */
    private record Entry(VerifiedAccessToken token, long validUntilMillis) {
    }
}
