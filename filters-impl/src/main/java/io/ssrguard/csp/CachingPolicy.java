package io.ssrguard.csp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The policy in force, kept ready for the request path and refreshed from a
 * {@link PolicySource} in the background.
 *
 * <p>Requests only call {@link #current()}, a single volatile read: they never
 * wait on the source, not even when it hangs. {@link #start()} loads once (at
 * deployment), then every refresh runs on the given scheduler:
 * <ul>
 * <li>success: the new policy (validated and compiled) replaces the old one;
 *     {@link Status#FRESH};</li>
 * <li>failure (source error, timeout, invalid policy): the last good policy
 *     stays while it is younger than TTL + stale window, counted from when the
 *     source last confirmed it ({@link Status#STALE}); after that, or when
 *     nothing good was ever loaded, the fallback applies ({@link Status#FALLBACK}).
 *     While stale, the next try is scheduled no later than the end of the window,
 *     so the fallback takes over on time;</li>
 * <li>a source that recovers brings its policy back at the next refresh, also
 *     when it answers "not modified" for the last good version.</li>
 * </ul>
 */
public final class CachingPolicy {

    private static final Logger LOG = Logger.getLogger(CachingPolicy.class.getName());
    private static final Duration MIN_RETRY = Duration.ofSeconds(1);

    /** Where the policy in force comes from. */
    public enum Status {
        /** The last refresh succeeded. */
        FRESH,
        /** The last refresh failed; the last good policy is still within its stale window. */
        STALE,
        /** Nothing good is usable: the strict fallback policy is in force. */
        FALLBACK
    }

    /** What requests read: replaced as a whole so that template and status always match. */
    private record InForce(CspHeaderTemplate template, Status status) {
    }

    /** The last policy the source delivered and the pack accepted. */
    private record Good(String text, String version, CspHeaderTemplate template, Instant confirmedAt) {
        Good confirmed(Instant now) {
            return new Good(text, version, template, now);
        }
    }

    private final PolicySource source;
    private final CspHeaderCompiler compiler;
    private final CspHeaderTemplate fallback;
    private final Duration ttl;
    private final Duration staleWindow;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;

    private volatile InForce inForce;

    // Refresh state: only touched while holding this object's lock.
    private Good lastGood;
    private ScheduledFuture<?> next;
    private boolean stopped;

    /**
     * @param source      where the policy comes from
     * @param compiler    validates and compiles fetched text
     * @param fallback    the strict policy used when no good one is usable
     * @param ttl         time between refreshes
     * @param staleWindow how long past its TTL the last good policy may serve while the source fails
     * @param clock       the time source (injected so that tests do not sleep)
     * @param scheduler   runs the background refreshes; not shut down by this object
     */
    public CachingPolicy(PolicySource source, CspHeaderCompiler compiler, CspHeaderTemplate fallback,
                         Duration ttl, Duration staleWindow, Clock clock, ScheduledExecutorService scheduler) {
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        this.source = source;
        this.compiler = compiler;
        this.fallback = fallback;
        this.ttl = ttl;
        this.staleWindow = staleWindow;
        this.clock = clock;
        this.scheduler = scheduler;
        this.inForce = new InForce(fallback, Status.FALLBACK);
    }

    /** Loads the policy once on the calling thread, then schedules background refreshes. */
    public synchronized void start() {
        if (stopped) {
            throw new IllegalStateException("stopped");
        }
        schedule(refreshOnce());
    }

    /** The policy for this request. Never blocks. */
    public CspHeaderTemplate current() {
        return inForce.template();
    }

    /** Where the policy in force comes from. */
    public Status status() {
        return inForce.status();
    }

    /**
     * Fetches from the source now, on the calling thread, and updates the policy
     * in force. The background schedule is not changed.
     */
    public synchronized void refresh() {
        refreshOnce();
    }

    /** Cancels the background refreshes; the policy in force stays readable. */
    public synchronized void stop() {
        stopped = true;
        if (next != null) {
            next.cancel(false);
        }
    }

    private void scheduledRefresh() {
        Duration delay = ttl;
        try {
            delay = refreshOnce();
        } finally {
            // Whatever happened, the next refresh must be scheduled, or the policy freezes.
            synchronized (this) {
                schedule(delay);
            }
        }
    }

    private void schedule(Duration delay) {
        if (stopped) {
            return;
        }
        try {
            next = scheduler.schedule(this::scheduledRefresh, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.warning(() -> "SSR Guard CSP: the refresh scheduler refused work; the policy in force ("
                    + inForce.status() + ") stays until restart");
        }
    }

    /** One fetch; returns the delay until the next one. */
    private synchronized Duration refreshOnce() {
        Instant now = clock.instant();
        Status before = inForce.status();
        try {
            String known = lastGood == null ? null : lastGood.version();
            PolicyFetch fetched = source.fetch(known);
            if (fetched instanceof PolicyFetch.Loaded loaded) {
                accept(loaded, now);
            } else if (lastGood != null) {
                lastGood = lastGood.confirmed(now);
            } else {
                throw new PolicySourceException("answered 'not modified' without a known version");
            }
            inForce = new InForce(lastGood.template(), Status.FRESH);
            if (before != Status.FRESH) {
                LOG.info(() -> "SSR Guard CSP: policy from " + source.description() + " in force: " + lastGood.template());
            }
            return ttl;
        } catch (PolicySourceException | InvalidPolicyException | RuntimeException e) {
            // Judged by when the failure is known, not when the fetch began: a source that hung
            // until its timeout must not stretch the stale window by the length of the hang.
            return failed(e, clock.instant());
        }
    }

    private void accept(PolicyFetch.Loaded loaded, Instant now) throws InvalidPolicyException {
        if (lastGood != null && lastGood.text().equals(loaded.policy())) {
            lastGood = new Good(lastGood.text(), loaded.version(), lastGood.template(), now);
            return;
        }
        CspHeaderTemplate template;
        try {
            template = compiler.compile(loaded.policy());
        } catch (InvalidPolicyException e) {
            throw new InvalidPolicyException("policy rejected: " + e.getMessage());
        }
        boolean replaced = lastGood != null;
        lastGood = new Good(loaded.policy(), loaded.version(), template, now);
        if (replaced && inForce.status() == Status.FRESH) {
            LOG.info(() -> "SSR Guard CSP: new policy from " + source.description() + " in force: " + template);
        }
    }

    private Duration failed(Exception e, Instant now) {
        String reason = e instanceof RuntimeException ? e.toString() : e.getMessage();
        if (e instanceof RuntimeException) {
            LOG.log(Level.FINE, "CSP source failure", e);
        }
        if (lastGood != null) {
            Instant deadline = lastGood.confirmedAt().plus(ttl).plus(staleWindow);
            if (now.isBefore(deadline)) {
                inForce = new InForce(lastGood.template(), Status.STALE);
                LOG.warning(() -> "SSR Guard CSP: " + source.description() + " failed (" + reason
                        + "); keeping the last good policy until " + deadline + ", then the fallback");
                Duration left = Duration.between(now, deadline);
                return left.compareTo(ttl) < 0 ? max(left, MIN_RETRY) : ttl;
            }
        }
        boolean wasFallback = inForce.status() == Status.FALLBACK;
        inForce = new InForce(fallback, Status.FALLBACK);
        LOG.warning(() -> "SSR Guard CSP: " + source.description() + " failed (" + reason + "); "
                + (wasFallback ? "the fallback policy stays in force" : "the fallback policy is now in force: " + fallback));
        return ttl;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
