package io.ssrguard.http;

import io.ssrguard.config.SettingsException;

/**
 * A context-relative path pattern as servlet URL patterns have them: an exact
 * path ({@code /api/admin}) or a prefix ending in {@code /*} ({@code /internal/*}).
 * Matched against the decoded, normalised path the container computed, never
 * the raw URI, so {@code /a/../internal} or {@code %2e} tricks cannot slip past.
 *
 * @param pattern the pattern as configured
 */
public record PathPattern(String pattern) {

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

    public boolean matches(String path) {
        if (isPrefix()) {
            String prefix = pattern.substring(0, pattern.length() - 2);
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
        return path.equals(pattern);
    }

    /** The decoded, normalised path inside the application, as the container matched it. */
    public static String of(jakarta.servlet.http.HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
        String path = servletPath + pathInfo;
        return path.isEmpty() ? "/" : path;
    }
}
