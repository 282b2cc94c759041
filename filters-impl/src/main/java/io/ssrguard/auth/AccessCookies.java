package io.ssrguard.auth;

import io.ssrguard.cookies.CookieRules;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the access token lives in cookies: one httpOnly cookie, or in split
 * mode a script-readable {@code header.payload} cookie plus an httpOnly
 * signature cookie that the server reassembles.
 */
public final class AccessCookies {

    private final AuthSettings settings;
    private final CookieRules rules;
    private final String whole;
    private final String readable;
    private final String signature;

    public AccessCookies(AuthSettings settings, CookieRules rules) {
        this.settings = settings;
        this.rules = rules;
        this.whole = settings.cookieName();
        this.readable = settings.cookieName() + "-hp";
        this.signature = settings.cookieName() + "-sig";
    }

    /**
     * The token a request presents, reassembled in split mode.
     *
     * @param cookieValue looks a cookie up by its wire name; returns {@code null} when absent
     * @return empty when the request carries no access cookie at all
     * @throws InvalidAccessTokenException when only one half of a split token is present
     */
    public Optional<String> read(Function<String, String> cookieValue) throws InvalidAccessTokenException {
        if (!settings.splitCookie()) {
            return Optional.ofNullable(cookieValue.apply(rules.name(whole))).filter(v -> !v.isEmpty());
        }
        String headerPayload = nonEmpty(cookieValue.apply(rules.name(readable)));
        String sig = nonEmpty(cookieValue.apply(rules.name(signature)));
        if (headerPayload == null && sig == null) {
            return Optional.empty();
        }
        if (headerPayload == null || sig == null) {
            throw new InvalidAccessTokenException("split access cookie with one half missing");
        }
        if (sig.indexOf('.') >= 0) {
            throw new InvalidAccessTokenException("split signature cookie is not a bare signature");
        }
        return Optional.of(headerPayload + "." + sig);
    }

    /** Base names of every cookie that carries an access token, before any prefix. */
    public List<String> baseNames() {
        return List.of(whole, readable, signature);
    }

    /** {@code Set-Cookie} values that store a freshly issued token; session cookies. */
    public List<String> set(String token) {
        if (!settings.splitCookie()) {
            return List.of(rules.setCookie(whole, token, null, true, settings.sameSite()));
        }
        int lastDot = token.lastIndexOf('.');
        return List.of(
                rules.setCookie(readable, token.substring(0, lastDot), null, false, settings.sameSite()),
                rules.setCookie(signature, token.substring(lastDot + 1), null, true, settings.sameSite()));
    }

    /** {@code Set-Cookie} values that delete every access cookie, whichever mode issued them. */
    public List<String> clear() {
        return List.of(
                rules.clearCookie(whole, true, settings.sameSite()),
                rules.clearCookie(readable, false, settings.sameSite()),
                rules.clearCookie(signature, true, settings.sameSite()));
    }

    private static String nonEmpty(String v) {
        return v == null || v.isEmpty() ? null : v;
    }
}
