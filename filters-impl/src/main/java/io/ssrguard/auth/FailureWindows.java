package io.ssrguard.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Failures counted per key (a user name, a client address) in a window that starts at the
 * key's first failure; the failure that reaches the threshold locks the key out for the
 * lockout. Bounded: at {@code maxEntries} keys, expired ones go first, then keys that are
 * not locked out, so that a flood of made-up user names can neither fill the memory nor
 * lift a lockout in force.
 */
final class FailureWindows {

    /** Longer keys are cut: user names are bounded by the login parser anyway, forwarded addresses are not. */
    private static final int MAX_KEY = 256;

    /** One key's state: failures since {@code windowStart}, and the end of its lockout, if any. */
    private record Entry(int failures, Instant windowStart, Instant lockedUntil) {

        boolean lockedAt(Instant now) {
            return lockedUntil != null && now.isBefore(lockedUntil);
        }

        boolean expiredAt(Instant now, Duration window) {
            return !lockedAt(now) && !now.isBefore(windowStart.plus(window));
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final int threshold;
    private final Duration window;
    private final Duration lockout;
    private final int maxEntries;

    FailureWindows(int threshold, Duration window, Duration lockout, int maxEntries) {
        this.threshold = threshold;
        this.window = window;
        this.lockout = lockout;
        this.maxEntries = maxEntries;
    }

    /** The end of the key's lockout, when one is in force. */
    Optional<Instant> lockedUntil(String key, Instant now) {
        Entry e = entries.get(key);
        return e != null && e.lockedAt(now) ? Optional.of(e.lockedUntil()) : Optional.empty();
    }

    /**
     * Counts one failure for the key.
     *
     * @return the end of the lockout this failure started, if it started one
     */
    Optional<Instant> fail(String key, Instant now) {
        if (!entries.containsKey(key) && entries.size() >= maxEntries) {
            makeRoom(now);
        }
        AtomicReference<Instant> started = new AtomicReference<>();
        entries.compute(key, (k, e) -> {
            if (e == null || e.expiredAt(now, window)) {
                e = new Entry(0, now, null);
            }
            if (e.lockedAt(now)) {
                return e;
            }
            int failures = e.failures() + 1;
            if (failures >= threshold) {
                Instant until = now.plus(lockout);
                started.set(until);
                // A new window starts with the lockout: after it, the key has the whole threshold again.
                return new Entry(0, now, until);
            }
            return new Entry(failures, e.windowStart(), null);
        });
        return Optional.ofNullable(started.get());
    }

    /**
     * Forgets the key's failures and lifts its lockout.
     *
     * @return whether a lockout was in force
     */
    boolean clear(String key, Instant now) {
        Entry removed = entries.remove(key);
        return removed != null && removed.lockedAt(now);
    }

    /** A key as the callers use it: {@code null} is the empty key, and at most {@value #MAX_KEY} characters. */
    static String key(String value) {
        String v = value == null ? "" : value;
        return v.length() > MAX_KEY ? v.substring(0, MAX_KEY) : v;
    }

    int size() {
        return entries.size();
    }

    /** Drops expired keys; if that frees too little, keys that are not locked out, down to 90 %. */
    private synchronized void makeRoom(Instant now) {
        if (entries.size() < maxEntries) {
            return;
        }
        entries.values().removeIf(e -> e.expiredAt(now, window));
        int target = maxEntries - Math.max(1, maxEntries / 10);
        for (Iterator<Entry> it = entries.values().iterator(); entries.size() > target && it.hasNext(); ) {
            if (!it.next().lockedAt(now)) {
                it.remove();
            }
        }
    }
}
