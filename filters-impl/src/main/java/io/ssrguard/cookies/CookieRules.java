package io.ssrguard.cookies;

import static io.ssrguard.config.SsrGuardProperties.COOKIES_SECURE;
import static io.ssrguard.config.SsrGuardProperties.DEV_PROFILE;

import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import java.time.Duration;
import java.util.List;

/**
 * The cookie rules every cookie of the pack follows: scoped to the application
 * (Path = context path, no Domain), and outside dev {@code Secure} with the
 * {@code __Host-} prefix under Path=/ or {@code __Secure-} under any other path.
 *
 * @param secure whether cookies are Secure and prefixed
 * @param path   the cookie Path: the context path, or {@code /} for the root context
 */
public record CookieRules(boolean secure, String path) {

    /**
     * Reads {@code ssrguard.cookies.secure} (default false in dev, true elsewhere)
     * and refuses insecure cookies outside dev.
     */
    public static CookieRules load(SettingsReader settings, String contextPath) {
        boolean dev = settings.devProfile();
        boolean secure = settings.bool(COOKIES_SECURE, !dev);
        if (!secure && !dev) {
            throw new SettingsException(COOKIES_SECURE + "=false is allowed only in the '" + DEV_PROFILE
                    + "' profile (plain http on localhost), but the active profile is " + settings.profileName()
                    + ". Remove the setting, or prefix it with %" + DEV_PROFILE + ".");
        }
        return new CookieRules(secure, contextPath == null || contextPath.isEmpty() ? "/" : contextPath);
    }

    /**
     * Reads a cookie base name setting: letters, digits, '.', '_' or '-', and no
     * {@code __Host-}/{@code __Secure-} prefix, since the rules add it.
     */
    public static String baseName(SettingsReader settings, String property, String defaultValue) {
        String name = settings.string(property, defaultValue);
        if (!name.matches("[A-Za-z0-9_.-]+") || name.startsWith("__")) {
            throw new SettingsException(property + " must be letters, digits, '.', '_' or '-' without a"
                    + " __Host-/__Secure- prefix (the pack adds it), not '" + name + "'");
        }
        return name;
    }

    /** Reads a {@code SameSite} setting, case-insensitively, among the values a cookie allows. */
    public static String sameSite(SettingsReader settings, String property, String defaultValue, List<String> allowed) {
        String value = settings.string(property, defaultValue);
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(value)) {
                return candidate;
            }
        }
        throw new SettingsException(property + " must be " + String.join(", ", allowed) + ", not '" + value + "'");
    }

    /** The cookie name on the wire for a base name: prefixed when secure. */
    public String name(String baseName) {
        if (!secure) {
            return baseName;
        }
        return ("/".equals(path) ? "__Host-" : "__Secure-") + baseName;
    }

    /**
     * A {@code Set-Cookie} header value.
     *
     * @param maxAge {@code null} for a session cookie
     */
    public String setCookie(String baseName, String value, Duration maxAge, boolean httpOnly, String sameSite) {
        StringBuilder b = new StringBuilder(96 + value.length())
                .append(name(baseName)).append('=').append(value)
                .append("; Path=").append(path);
        if (maxAge != null) {
            b.append("; Max-Age=").append(maxAge.toSeconds());
        }
        if (secure) {
            b.append("; Secure");
        }
        if (httpOnly) {
            b.append("; HttpOnly");
        }
        return b.append("; SameSite=").append(sameSite).toString();
    }

    /** A {@code Set-Cookie} header value that deletes the cookie: same attributes, empty value, Max-Age=0. */
    public String clearCookie(String baseName, boolean httpOnly, String sameSite) {
        return setCookie(baseName, "", Duration.ZERO, httpOnly, sameSite);
    }
}
