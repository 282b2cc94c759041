package io.ssrguard.csp;

import io.ssrguard.config.SettingsException;
import io.ssrguard.http.LogSafe;
import io.ssrguard.http.PathPattern;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The compiled policies in force: one for every path, and one per path pattern
 * that has a policy of its own. A request gets the policy of the most specific
 * pattern that matches its path: an exact path before any prefix, a longer
 * prefix ({@code /embed/video/*}) before a shorter one ({@code /embed/*}); the
 * default covers the rest. Built in the background when policies change; the
 * request path only walks a short list.
 */
public final class PathPolicies {

    /** Policies per path a source may bring: the header stays small and this list short. */
    public static final int MAX_PATHS = 64;

    /** A pattern and its policy. */
    private record ForPath(PathPattern pattern, CspHeaderTemplate template) {
    }

    private final CspHeaderTemplate defaultPolicy;
    private final List<ForPath> byPath;

    /**
     * @param defaultPolicy the policy for every path without one of its own
     * @param byPath        policies by (already validated) pattern
     */
    PathPolicies(CspHeaderTemplate defaultPolicy, Map<PathPattern, CspHeaderTemplate> byPath) {
        this.defaultPolicy = defaultPolicy;
        List<ForPath> sorted = new ArrayList<>();
        byPath.forEach((pattern, template) -> sorted.add(new ForPath(pattern, template)));
        sorted.sort(Comparator.comparing((ForPath f) -> f.pattern().isPrefix())
                .thenComparing(f -> -f.pattern().pattern().length())
                .thenComparing(f -> f.pattern().pattern()));
        this.byPath = List.copyOf(sorted);
    }

    /** One policy for every path. */
    static PathPolicies single(CspHeaderTemplate policy) {
        return new PathPolicies(policy, Map.of());
    }

    /** The policy for a context-relative path ({@link PathPattern#of}). */
    public CspHeaderTemplate forPath(String path) {
        for (ForPath f : byPath) {
            if (f.pattern().matches(path)) {
                return f.template();
            }
        }
        return defaultPolicy;
    }

    /** The policy for paths without one of their own. */
    public CspHeaderTemplate defaultPolicy() {
        return defaultPolicy;
    }

    /**
     * A pattern as a source wrote it: an exact path or a prefix ending in {@code /*},
     * starting with {@code /}, printable ASCII without spaces. {@code /*} itself is
     * refused: the default policy covers every path.
     */
    static PathPattern pattern(String text) throws InvalidPolicyException {
        if (text == null || text.isEmpty() || text.equals("/*") || !text.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidPolicyException("path pattern '" + LogSafe.printable(text, 100)
                    + "' must be an exact path or end in /* (the default policy covers /*), printable, without spaces");
        }
        try {
            return PathPattern.parse(text, "path pattern");
        } catch (SettingsException e) {
            throw new InvalidPolicyException(e.getMessage());
        }
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(defaultPolicy.toString());
        for (ForPath f : byPath) {
            out.append(" | ").append(f.pattern().pattern()).append(": ").append(f.template());
        }
        return out.toString();
    }
}
