package io.ssrguard.refresh;

import static io.ssrguard.config.SsrGuardProperties.REFRESH_COOKIE_NAME;
import static io.ssrguard.config.SsrGuardProperties.REFRESH_SAME_SITE;

import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.cookies.CookieRules;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * The refresh-token cookie: httpOnly, scoped to the whole application (not to
 * the refresh endpoint) so that page requests and SSR servers forwarding the
 * browser's cookies carry it; persistent only for remember-me sign-ins.
 */
public final class RefreshCookies {

    private final CookieRules rules;
    private final String baseName;
    private final String sameSite;
    private final Clock clock;

    public RefreshCookies(CookieRules rules, String baseName, String sameSite, Clock clock) {
        this.rules = rules;
        this.baseName = baseName;
        this.sameSite = sameSite;
        this.clock = clock;
    }

    /** Reads {@code ssrguard.refresh.cookie-name} and {@code ssrguard.refresh.same-site}. */
    public static RefreshCookies load(SettingsReader settings, CookieRules rules, Clock clock) {
        String name = settings.string(REFRESH_COOKIE_NAME, "ssrguard-rt");
        if (!name.matches("[A-Za-z0-9_.-]+") || name.startsWith("__")) {
            throw new SettingsException(REFRESH_COOKIE_NAME + " must be letters, digits, '.', '_' or '-' without a"
                    + " __Host-/__Secure- prefix (the pack adds it), not '" + name + "'");
        }
        String sameSite = settings.string(REFRESH_SAME_SITE, "Lax");
        if (!sameSite.equals("Lax") && !sameSite.equals("Strict")) {
            throw new SettingsException(REFRESH_SAME_SITE + " must be Lax or Strict, not '" + sameSite + "'");
        }
        return new RefreshCookies(rules, name, sameSite, clock);
    }

    public String baseName() {
        return baseName;
    }

    /** The presented refresh token, or {@code null}. */
    public String read(Function<String, String> cookieValue) {
        String v = cookieValue.apply(rules.name(baseName));
        return v == null || v.isEmpty() ? null : v;
    }

    /** Stores a token: a session cookie, or for remember-me one that lives as long as the token. */
    public String set(IssuedRefreshToken issued) {
        Duration maxAge = issued.rememberMe()
                ? Duration.between(clock.instant(), issued.expiresAt()).withNanos(0)
                : null;
        return rules.setCookie(baseName, issued.token(), maxAge, true, sameSite);
    }

    public String clear() {
        return rules.clearCookie(baseName, true, sameSite);
    }
}
