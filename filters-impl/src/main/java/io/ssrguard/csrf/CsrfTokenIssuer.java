package io.ssrguard.csrf;

import io.ssrguard.cookies.CookieRules;
import java.time.Clock;
import java.time.Duration;

/**
 * Mints tokens for the places that hand them out: the token endpoint, login
 * and logout responses, server-rendered pages, and in-process renderers.
 *
 * <p>A client token already in the request's cookie is reused while it is
 * valid for this caller and in the first half of its life. Minting a new one
 * on every page or endpoint call would replace the cookie under other open
 * tabs, whose header tokens would then no longer match it.
 */
public final class CsrfTokenIssuer {

    private final CsrfSettings settings;
    private final CsrfTokenCodec codec;
    private final CsrfVerifier verifier;
    private final CookieRules cookies;
    private final Clock clock;
    private final Duration reuseFor;

    /**
     * @param verifier decides whether the cookie's token may be reused
     * @param cookies  the cookie rules the CSRF cookie follows
     */
    public CsrfTokenIssuer(CsrfSettings settings, CsrfTokenCodec codec, CsrfVerifier verifier, CookieRules cookies,
                           Clock clock) {
        this.settings = settings;
        this.codec = codec;
        this.verifier = verifier;
        this.cookies = cookies;
        this.clock = clock;
        this.reuseFor = settings.clientTtl().dividedBy(2);
    }

    /**
     * A new client token and its cookie. Login and logout call this, so that a
     * token never outlives the session it is bound to.
     *
     * @param userAgent the request's User-Agent
     * @param sessionId the session the token is for: the new one after login, {@code null} after logout
     */
    public IssuedCsrfToken fresh(String userAgent, String sessionId) {
        String token = codec.mint(CsrfPurpose.CLIENT, userAgent, sessionId);
        return new IssuedCsrfToken(token, settings.headerName(),
                cookies.setCookie(settings.cookieName(), token, settings.clientTtl(), true, settings.sameSite()));
    }

    /**
     * The token in the request's CSRF cookie when it is still good for this
     * caller and young enough, else a {@link #fresh} one.
     *
     * @param cookieValue the request's CSRF cookie, or {@code null}
     * @param userAgent   the request's User-Agent
     * @param sessionId   the authenticated caller's {@code sid}, {@code null} for anonymous requests
     */
    public IssuedCsrfToken current(String cookieValue, String userAgent, String sessionId) {
        if (cookieValue != null && !cookieValue.isEmpty()) {
            try {
                CsrfToken token = verifier.verifyClient(cookieValue, cookieValue, userAgent, sessionId);
                if (clock.instant().isBefore(token.issuedAt().plus(reuseFor))) {
                    return new IssuedCsrfToken(cookieValue, settings.headerName(), null);
                }
            } catch (CsrfRejectedException e) {
                // Unusable for this caller: replace it.
            }
        }
        return fresh(userAgent, sessionId);
    }

    /**
     * A new SSR bypass token, for a renderer inside this application. Never
     * send it to a browser.
     */
    public String ssr(String userAgent, String sessionId) {
        return codec.mint(CsrfPurpose.SSR, userAgent, sessionId);
    }

    /** The wire name of the CSRF cookie. */
    public String cookieName() {
        return cookies.name(settings.cookieName());
    }
}
