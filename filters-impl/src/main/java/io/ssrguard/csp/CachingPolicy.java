package io.ssrguard.csp;

import io.ssrguard.http.PathPattern;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The policies in force, kept ready for the request path and refreshed from a
 * {@link PolicySource} in the background.
 *
 * <p>Requests only call {@link #current(String)}, a single volatile read: they
 * never wait on the source, not even when it hangs. {@link #start()} loads once
 * (at deployment), then every refresh runs on the given scheduler:
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
 *
 * <p>A source may also give policies for path patterns ({@link PolicyFetch.Loaded#paths()}).
 * Each one (and the default) is judged on its own by the rules above: an invalid
 * policy for {@code /embed/*} is refused and logged, and only {@code /embed/*}
 * keeps its last good policy, then gets the fallback, while the others stay in
 * force. A pattern the source no longer lists is gone at once.
 */
public final class CachingPolicy {

    private static final Logger LOG = Logger.getLogger(CachingPolicy.class.getName());
    private static final Duration MIN_RETRY = Duration.ofSeconds(1);
    /** The key of the policy for every path. */
    private static final String DEFAULT = "";

    /** Where the policy in force comes from. */
    public enum Status {
        /** The last refresh succeeded. */
        FRESH,
        /** The last refresh failed; the last good policy is still within its stale window. */
        STALE,
        /** Nothing good is usable: the strict fallback policy is in force. */
        FALLBACK
    }

    /** What requests read: replaced as a whole so that templates and status always match. */
    private record InForce(PathPolicies policies, Status status) {
    }

    /** The last policy of one key the source delivered and the pack accepted. */
    private record Good(String text, CspHeaderTemplate template, Instant confirmedAt) {
        Good confirmed(Instant now) {
            return new Good(text, template, now);
        }
    }

    /** The last fetch whose default policy was accepted: what "not modified" refers to. */
    private record Accepted(String version, Map<String, String> texts) {
    }

    /** The outcome for one key in one refresh. */
    private record Judged(CspHeaderTemplate template, Status status, Instant deadline) {
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
    private final Map<String, Good> goods = new HashMap<>();
    private Accepted accepted;
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
        this.inForce = new InForce(PathPolicies.single(fallback), Status.FALLBACK);
    }

    /** Loads the policy once on the calling thread, then schedules background refreshes. */
    public synchronized void start() {
        if (stopped) {
            throw new IllegalStateException("stopped");
        }
        schedule(refreshOnce());
    }

    /** The policy for paths without one of their own. Never blocks. */
    public CspHeaderTemplate current() {
        return inForce.policies().defaultPolicy();
    }

    /** The policy for this context-relative path. Never blocks. */
    public CspHeaderTemplate current(String path) {
        return inForce.policies().forPath(path);
    }

    /** Where the policy in force comes from: the worst of the default's and the per-path policies'. */
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
        Map<String, String> texts;
        String version;
        String failure = null;
        try {
            PolicyFetch fetched = source.fetch(accepted == null ? null : accepted.version());
            if (fetched instanceof PolicyFetch.Loaded loaded) {
                texts = new LinkedHashMap<>();
                texts.put(DEFAULT, loaded.policy());
                texts.putAll(loaded.paths());
                version = loaded.version();
                if (loaded.paths().size() > PathPolicies.MAX_PATHS) {
                    throw new PolicySourceException("the source gives " + loaded.paths().size()
                            + " per-path policies, more than " + PathPolicies.MAX_PATHS);
                }
            } else if (accepted != null) {
                texts = accepted.texts();
                version = accepted.version();
            } else {
                throw new PolicySourceException("answered 'not modified' without a known version");
            }
        } catch (PolicySourceException | RuntimeException e) {
            if (e instanceof RuntimeException) {
                LOG.log(Level.FINE, "CSP source failure", e);
            }
            failure = e instanceof RuntimeException ? e.toString() : e.getMessage();
            // Every policy known so far is judged by the stale rules.
            texts = null;
            version = null;
        }
        // Judged by when the outcome is known, not when the fetch began: a source that hung
        // until its timeout must not stretch the stale window by the length of the hang.
        return apply(texts, version, failure, clock.instant());
    }

    private Duration apply(Map<String, String> texts, String version, String failure, Instant now) {
        Status before = inForce.status();
        Set<String> keys = new LinkedHashSet<>();
        keys.add(DEFAULT);
        keys.addAll(texts == null ? knownKeys() : texts.keySet());
        Map<PathPattern, CspHeaderTemplate> byPath = new LinkedHashMap<>();
        CspHeaderTemplate defaultTemplate = fallback;
        Status worst = Status.FRESH;
        Instant earliestDeadline = null;
        boolean defaultAccepted = false;
        for (String key : keys) {
            PathPattern pattern = null;
            Judged judged;
            try {
                pattern = key.equals(DEFAULT) ? null : PathPolicies.pattern(key);
                judged = texts == null ? stale(key, failure, now) : judge(key, texts.get(key), now);
            } catch (InvalidPolicyException e) {
                // A pattern that cannot be matched is refused with its policy; nothing to keep for it.
                LOG.warning(() -> "SSR Guard CSP: " + source.description() + " gives a policy for "
                        + e.getMessage() + "; refused, the other policies stay in force");
                goods.remove(key);
                continue;
            }
            if (key.equals(DEFAULT)) {
                defaultTemplate = judged.template();
                defaultAccepted = judged.status() == Status.FRESH;
            } else {
                byPath.put(pattern, judged.template());
            }
            worst = judged.status().compareTo(worst) > 0 ? judged.status() : worst;
            if (judged.deadline() != null && (earliestDeadline == null || judged.deadline().isBefore(earliestDeadline))) {
                earliestDeadline = judged.deadline();
            }
        }
        if (texts != null) {
            goods.keySet().retainAll(texts.keySet());
            if (defaultAccepted) {
                accepted = new Accepted(version, Map.copyOf(texts));
            }
        }
        PathPolicies policies = new PathPolicies(defaultTemplate, byPath);
        inForce = new InForce(policies, worst);
        if (worst == Status.FRESH && before != Status.FRESH) {
            LOG.info(() -> "SSR Guard CSP: policy from " + source.description() + " in force: " + policies);
        }
        if (earliestDeadline == null) {
            return ttl;
        }
        Duration left = Duration.between(now, earliestDeadline);
        return left.compareTo(ttl) < 0 ? max(left, MIN_RETRY) : ttl;
    }

    /** Keys the last refreshes knew, for a refresh that brought nothing. */
    private Set<String> knownKeys() {
        Set<String> keys = new LinkedHashSet<>(goods.keySet());
        if (accepted != null) {
            keys.addAll(accepted.texts().keySet());
        }
        return keys;
    }

    /** One key's fetched text: accepted when valid, else refused alone and judged by the stale rules. */
    private Judged judge(String key, String text, Instant now) {
        Good good = goods.get(key);
        if (good != null && good.text().equals(text)) {
            goods.put(key, good.confirmed(now));
            return new Judged(good.template(), Status.FRESH, null);
        }
        try {
            CspHeaderTemplate template = compiler.compile(text);
            goods.put(key, new Good(text, template, now));
            if (good != null && inForce.status() == Status.FRESH) {
                LOG.info(() -> "SSR Guard CSP: new policy " + name(key) + "from " + source.description()
                        + " in force: " + template);
            }
            return new Judged(template, Status.FRESH, null);
        } catch (InvalidPolicyException e) {
            return stale(key, "policy " + name(key) + "rejected: " + e.getMessage(), now);
        }
    }

    /** The last good policy of a key while its stale window lasts, then the fallback. */
    private Judged stale(String key, String reason, Instant now) {
        Good good = goods.get(key);
        if (good != null) {
            Instant deadline = good.confirmedAt().plus(ttl).plus(staleWindow);
            if (now.isBefore(deadline)) {
                LOG.warning(() -> "SSR Guard CSP: " + source.description() + " failed (" + reason
                        + "); keeping the last good policy " + name(key) + "until " + deadline + ", then the fallback");
                return new Judged(good.template(), Status.STALE, deadline);
            }
        }
        boolean wasFallback = inForce.status() == Status.FALLBACK;
        LOG.warning(() -> "SSR Guard CSP: " + source.description() + " failed (" + reason + "); "
                + (wasFallback ? "the fallback policy stays in force " : "the fallback policy is now in force ")
                + name(key) + (wasFallback ? "" : ": " + fallback));
        return new Judged(fallback, Status.FALLBACK, null);
    }

    private static String name(String key) {
        return key.equals(DEFAULT) ? "" : "for " + key + " ";
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
