package io.ssrguard.auth;

import io.ssrguard.http.LogSafe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * A limit on how many requests one client address makes in a window: every request counts, the
 * request that reaches the limit is still served and blocks the address for one window, during
 * which each of its requests is refused with {@link TooManyAttemptsException} ({@code 429} with
 * {@code Retry-After}). The counting is {@link FailureWindows}', the guessing protection's own, so
 * the memory stays bounded the same way (a limited address is never dropped to make room). Per
 * node: behind a load balancer each node counts what reaches it.
 */
public final class RequestRateLimit {

    private static final Logger LOG = Logger.getLogger(RequestRateLimit.class.getName());

    private final String what;
    private final int limit;
    private final Duration window;
    private final FailureWindows counts;
    private final Clock clock;

    /**
     * @param what       what is counted, for the log and the refusal's message ("passkey ceremony requests")
     * @param limit      requests per window that are served
     * @param maxEntries addresses tracked at most
     */
    public RequestRateLimit(String what, int limit, Duration window, int maxEntries, Clock clock) {
        this.what = what;
        this.limit = limit;
        this.window = window;
        this.counts = new FailureWindows(limit, window, window, maxEntries);
        this.clock = clock;
    }

    /**
     * Counts a request from {@code address}.
     *
     * @throws TooManyAttemptsException when the address is blocked: the request is not to be served
     */
    public void admit(String address) {
        Instant now = clock.instant();
        String key = FailureWindows.key(address);
        Optional<Instant> blocked = counts.lockedUntil(key, now);
        if (blocked.isPresent()) {
            throw new TooManyAttemptsException(Duration.between(now, blocked.get()),
                    what + " from " + LogSafe.printable(key, 64) + " limited until " + blocked.get());
        }
        // One line when an address becomes limited; its refused requests after that are not logged above FINE.
        counts.fail(key, now).ifPresent(until -> LOG.warning(() -> "SSR Guard security event: " + what + " from address "
                + LogSafe.printable(key, 64) + " limited until " + until + " after " + limit + " within "
                + window.toSeconds() + " s"));
    }
}
