package io.ssrguard.http;

import io.ssrguard.config.SettingsException;
import java.util.List;

/**
 * A context-relative path pattern as servlet URL patterns have them: an exact
 * path ({@code /api/admin}) or a prefix ending in {@code /*} ({@code /internal/*}).
 * Matched against the decoded, normalised path the container computed, never
 * the raw URI, so {@code /a/../internal} or {@code %2e} tricks cannot slip past.
 *
 * @param pattern the pattern as configured
 */
public record PathPattern(String pattern) {

    /** Whether any of {@code patterns} matches {@code path}; a plain loop, as it runs on every request. */
    public static boolean anyMatches(List<PathPattern> patterns, String path) {
        for (int i = 0; i < patterns.size(); i++) {
            if (patterns.get(i).matches(path)) {
                return true;
            }
        }
        return false;
    }

    /** Validates the pattern; {@code property} names the setting in the error. */
    public static PathPattern parse(String pattern, String property) {
        boolean prefix = pattern.endsWith("/*");
        String body = prefix ? pattern.substring(0, pattern.length() - 2) : pattern;
        if (!pattern.startsWith("/") || body.contains("*")) {
            throw new SettingsException(property + " pattern '" + pattern
                    + "' must be an exact path or end in /*, starting with /");
        }
        return new PathPattern(pattern);
    }

    public boolean isPrefix() {
        return pattern.endsWith("/*");
    }

    /** Runs on every request for every configured pattern, so it compares in place and allocates nothing. */
    public boolean matches(String path) {
        if (isPrefix()) {
            // The prefix is the pattern without its "/*": the path is the prefix itself or continues it with '/'.
            int n = pattern.length() - 2;
            return path.regionMatches(0, pattern, 0, n)
                    && (path.length() == n || path.charAt(n) == '/');
        }
        return path.equals(pattern);
    }

    /** The decoded, normalised path inside the application, as the container matched it. */
    public static String of(jakarta.servlet.http.HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String pathInfo = request.getPathInfo();
        // Most requests have only one of the two: no concatenation then.
        String path = pathInfo == null || pathInfo.isEmpty() ? servletPath
                : servletPath.isEmpty() ? pathInfo : servletPath + pathInfo;
        return path.isEmpty() ? "/" : path;
    }
}
