package io.ssrguard.csp;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the report collector has seen since start, on this node: violations
 * grouped by kind (effective directive, the blocked resource's origin, source
 * file, or the page where the browser names none, and line), each with a count
 * and when it was first and last seen. This is what an operator reads during a
 * report-only rollout to learn what the policy would break.
 *
 * <p>Bounded: at most {@code maxKinds} kinds are kept; a report of a further
 * kind is only counted as dropped, so that anyone posting made-up reports can
 * fill nothing but a counter. Every kept field is cut short and reduced to
 * printable ASCII, and URLs lose what may carry a user's token: the blocked
 * URL keeps only its origin, the source file loses its query and fragment.
 */
public final class CspViolationSummary {

    /** Longest kept field; a longer one is cut (a kind is then identified by its first characters). */
    static final int MAX_FIELD = 200;
    /** Stands for a blocked value that is neither a URL with a scheme nor a keyword. */
    static final String OTHER = "(other)";

    /** What identifies a kind of violation. */
    public record Kind(String directive, String blocked, String source, long line) {

        /**
         * The kind of a violation as the browser reported it, with URLs reduced as described above.
         * Where the browser names no source file, the page is the source: Chromium sends an inline
         * event handler's violation ({@code script-src-attr}) without file or line, and without the
         * page all of them, on every page, would be one kind that says nowhere where to look.
         */
        public static Kind of(CspViolation v) {
            String source = v.source() == null || v.source().isBlank() ? v.document() : v.source();
            return new Kind(keyword(v.directive()), blockedOrigin(v.blocked()), withoutQuery(source),
                    Math.max(0, v.line()));
        }
    }

    /** Counts of one kind; {@code firstSeen} is set once, the rest under the entry's own lock. */
    private static final class Seen {
        private final Instant firstSeen;
        private Instant lastSeen;
        private long count;

        Seen(Instant now) {
            this.firstSeen = now;
            this.lastSeen = now;
        }

        synchronized void add(Instant now) {
            count++;
            if (now.isAfter(lastSeen)) {
                lastSeen = now;
            }
        }

        synchronized Map<String, Object> json(Kind kind) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("directive", kind.directive());
            out.put("blocked", kind.blocked());
            out.put("source", kind.source());
            out.put("line", kind.line());
            out.put("count", count);
            out.put("firstSeen", firstSeen.toString());
            out.put("lastSeen", lastSeen.toString());
            return out;
        }

        synchronized long count() {
            return count;
        }
    }

    private final int maxKinds;
    private final Clock clock;
    private final Map<Kind, Seen> kinds = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong total = new AtomicLong();

    /**
     * @param maxKinds kinds kept at most
     * @param clock    stamps first and last seen
     */
    public CspViolationSummary(int maxKinds, Clock clock) {
        if (maxKinds < 1) {
            throw new IllegalArgumentException("maxKinds must be positive");
        }
        this.maxKinds = maxKinds;
        this.clock = clock;
    }

    /** How a violation was taken in. */
    public enum Outcome {
        /** The first of its kind: worth one log line. */
        NEW_KIND,
        /** Counted under a kind already known. */
        COUNTED,
        /** A new kind beyond the cap: counted as dropped, not stored. */
        DROPPED
    }

    /** Counts one violation. */
    public Outcome add(CspViolation violation) {
        Kind kind = Kind.of(violation);
        Instant now = clock.instant();
        total.incrementAndGet();
        Seen known = kinds.get(kind);
        if (known != null) {
            known.add(now);
            return Outcome.COUNTED;
        }
        // New kinds are rare (the summary exists because they are): one lock keeps the cap exact.
        synchronized (this) {
            known = kinds.get(kind);
            if (known == null) {
                if (kinds.size() >= maxKinds) {
                    dropped.incrementAndGet();
                    return Outcome.DROPPED;
                }
                Seen seen = new Seen(now);
                seen.add(now);
                kinds.put(kind, seen);
                return Outcome.NEW_KIND;
            }
        }
        known.add(now);
        return Outcome.COUNTED;
    }

    /** Violations of kinds not kept because the cap was reached. */
    public long dropped() {
        return dropped.get();
    }

    /** Kinds kept. */
    public int size() {
        return kinds.size();
    }

    /**
     * The summary as JSON-ready values: totals, then the kinds, most frequent first.
     */
    public Map<String, Object> toJson() {
        List<Map.Entry<Kind, Seen>> entries = new ArrayList<>(kinds.entrySet());
        entries.sort(Comparator.comparingLong((Map.Entry<Kind, Seen> e) -> e.getValue().count()).reversed()
                .thenComparing(e -> e.getKey().directive())
                .thenComparing(e -> e.getKey().blocked()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("violations", total.get());
        out.put("kinds", entries.size());
        out.put("maxKinds", maxKinds);
        out.put("dropped", dropped.get());
        out.put("entries", entries.stream().map(e -> e.getValue().json(e.getKey())).toList());
        return out;
    }

    /**
     * The blocked resource as an origin ({@code https://cdn.example:8443}), a scheme
     * ({@code data:}, {@code blob:}) or a keyword ({@code inline}, {@code eval});
     * never a path or query, which may carry a token.
     */
    static String blockedOrigin(String blocked) {
        if (blocked == null || blocked.isBlank()) {
            return "-";
        }
        String value = blocked.strip();
        int colon = value.indexOf(':');
        if (colon <= 0 || !value.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            // A keyword as browsers send them: inline, eval, wasm-eval, trusted-types-policy, self. Anything
            // else without a scheme (a relative URL, junk) could carry a path or token: not kept.
            return value.length() <= 40 && value.matches("[A-Za-z][A-Za-z0-9-]*") ? keyword(value) : OTHER;
        }
        String scheme = value.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!value.startsWith("//", colon + 1)) {
            return printable(scheme + ":");
        }
        try {
            URI uri = new URI(value);
            if (uri.getHost() == null) {
                return printable(scheme + ":");
            }
            return printable(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                    + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
        } catch (URISyntaxException e) {
            // Unparsable: keep the authority by hand, up to the first path, query or fragment character.
            String rest = value.substring(colon + 3);
            int end = rest.length();
            for (char c : new char[] {'/', '?', '#', '\\'}) {
                int i = rest.indexOf(c);
                if (i >= 0 && i < end) {
                    end = i;
                }
            }
            String authority = rest.substring(0, end);
            int at = authority.lastIndexOf('@');
            return printable(scheme + "://" + (at >= 0 ? authority.substring(at + 1) : authority));
        }
    }

    /** A URL without user info, query or fragment. */
    static String withoutQuery(String url) {
        if (url == null || url.isBlank()) {
            return "-";
        }
        String value = url.strip();
        int cut = value.length();
        for (char c : new char[] {'?', '#'}) {
            int i = value.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        value = value.substring(0, cut);
        int scheme = value.indexOf("://");
        if (scheme > 0) {
            int pathStart = value.indexOf('/', scheme + 3);
            String authority = pathStart < 0 ? value.substring(scheme + 3) : value.substring(scheme + 3, pathStart);
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                value = value.substring(0, scheme + 3) + authority.substring(at + 1)
                        + (pathStart < 0 ? "" : value.substring(pathStart));
            }
        }
        return printable(value);
    }

    private static String keyword(String value) {
        return value == null || value.isBlank() ? "-" : printable(value.strip().toLowerCase(Locale.ROOT));
    }

    /** Printable ASCII only, at most {@link #MAX_FIELD} characters. */
    private static String printable(String value) {
        String cut = value.length() > MAX_FIELD ? value.substring(0, MAX_FIELD) : value;
        StringBuilder out = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            out.append(c >= 0x21 && c <= 0x7e ? c : '_');
        }
        return out.toString();
    }
}
