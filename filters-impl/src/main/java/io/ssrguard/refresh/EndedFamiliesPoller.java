package io.ssrguard.refresh;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Reads the store's log of ended families into this node's {@link EndedFamilies}:
 * one indexed query per run, scheduled every
 * {@code ssrguard.refresh.revocation-poll-interval} on a thread of its own
 * (a slow OIDC provider or a long purge on the pack's other background thread
 * must not stretch the bound), never on a request.
 *
 * <p><b>What each run reads.</b> The first run reads everything that ended
 * within the retention, so a node that starts (or restarts) late still refuses
 * tokens of families ended before it came up. Later runs read from the start
 * of the last successful run minus a look-back: a log entry carries the
 * revoking node's clock and becomes visible only when its transaction
 * commits, so without the look-back an entry stamped a little before the last
 * run but committed after it, or stamped by a clock behind this one, would be
 * missed for ever. The look-back is the configured clock skew plus a few
 * seconds; entries read twice are harmless.
 *
 * <p><b>Outage.</b> A failed read keeps every entry already known (nothing is
 * opened), logs one WARNING when reading starts failing and one INFO when it
 * works again, and is retried at the next interval from the same point, so no
 * entry is lost. Meanwhile the bound does not hold for families that ended on
 * other nodes shortly before the outage: their access tokens are refused here
 * once the store answers again, or expire. Entries are still dropped after
 * their retention, which is safe however long the outage lasts.
 */
public final class EndedFamiliesPoller implements Runnable {

    private static final Logger LOG = Logger.getLogger(EndedFamiliesPoller.class.getName());
    /** Added to the clock skew: covers a revoking transaction that takes a while to commit. */
    static final Duration COMMIT_MARGIN = Duration.ofSeconds(5);

    private final RefreshTokenStore store;
    private final EndedFamilies ended;
    private final Clock clock;
    private final Duration lookBack;
    /** Where the next run reads from, before the look-back; only the scheduler's one thread touches it. */
    private Instant readFrom;
    private boolean failing;

    /**
     * @param clockSkew how far the nodes' clocks may differ ({@code ssrguard.auth.clock-skew})
     */
    public EndedFamiliesPoller(RefreshTokenStore store, EndedFamilies ended, Clock clock, Duration clockSkew) {
        this.store = Objects.requireNonNull(store, "store");
        this.ended = Objects.requireNonNull(ended, "ended");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lookBack = clockSkew.plus(COMMIT_MARGIN);
        this.readFrom = clock.instant().minus(ended.retention()).plus(lookBack);
    }

    /** One poll; never throws, so that the scheduler keeps running it. */
    @Override
    public void run() {
        Instant started = clock.instant();
        try {
            List<EndedFamily> found = store.endedSince(readFrom.minus(lookBack));
            found.forEach(f -> ended.add(f.familyId(), f.endedAt()));
            readFrom = started;
            if (failing) {
                failing = false;
                LOG.info("SSR Guard: reading ended refresh families works again; revocations by other nodes apply here");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warning("SSR Guard: reading ended refresh families failed (" + e.getMessage() + "); families"
                        + " ended on other nodes from now on are refused here once it works again. Retrying every"
                        + " poll interval, logged once");
            }
        } finally {
            ended.forgetExpired(started);
        }
    }
}
