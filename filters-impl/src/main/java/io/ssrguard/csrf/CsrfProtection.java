package io.ssrguard.csrf;

import io.ssrguard.auth.Caller;
import io.ssrguard.auth.RequestAttributes;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.cookies.CookieRules;
import io.ssrguard.http.OriginResolver;
import io.ssrguard.http.RequestCookies;
import io.ssrguard.keys.EncryptionKeys;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Everything CSRF protection prepared at start: settings, the token codec,
 * the verifier, the cross-site check, the origin resolver and the issuer.
 * Built once per application and shared by {@link CsrfFilter},
 * {@link CsrfEndpointServlet} and the login/logout endpoints.
 *
 * @param settings        validated settings
 * @param codec           token encryption
 * @param verifier        token checks
 * @param crossSite       Fetch Metadata / Origin check
 * @param origins         this site's origins, proxy-aware
 * @param issuer          mints client and SSR tokens
 * @param bearerOnly      whether a request is bearer-only (authentication's {@code BearerOnlyRule}: bearer
 *                        authentication on, a valid bearer token, no session cookie, not a session endpoint);
 *                        such a request needs no token, since a browser never attaches that header by itself
 * @param sessionRenewalPaths the refresh and logout endpoints: there the caller's access cookie may
 *                        have expired, so a token bound to a session is accepted without a signed-in
 *                        caller (the token itself, cookie = header, User-Agent and cross-site checks still hold)
 */
public record CsrfProtection(
        CsrfSettings settings,
        CsrfTokenCodec codec,
        CsrfVerifier verifier,
        CrossSiteCheck crossSite,
        OriginResolver origins,
        CsrfTokenIssuer issuer,
        Predicate<HttpServletRequest> bearerOnly,
        Set<String> sessionRenewalPaths) {

    /** The servlet-context attribute under which {@link #attachTo} stores the instance. */
    public static final String ATTRIBUTE = CsrfProtection.class.getName();

    public CsrfProtection {
        sessionRenewalPaths = Set.copyOf(sessionRenewalPaths);
    }

    /**
     * Loads settings and keys and builds the parts.
     *
     * @param cookies             the cookie rules (Path, Secure, prefixes)
     * @param origins             the application's origin resolver, shared with other features
     * @param bearerOnly          the bearer-only rule of authentication; given as a predicate so that this
     *                            feature does not depend on authentication's classes
     * @throws io.ssrguard.config.SettingsException naming the property, when CSRF is on and no valid key
     *                                              is configured outside dev, or any setting is malformed
     */
    public static CsrfProtection start(SettingsReader settings, CookieRules cookies, OriginResolver origins,
                                       Predicate<HttpServletRequest> bearerOnly, Set<String> sessionRenewalPaths,
                                       Clock clock, SecureRandom random) {
        CsrfSettings csrf = CsrfSettings.load(settings);
        EncryptionKeys keys = EncryptionKeys.load(settings, csrf.enabled(), random);
        CsrfTokenCodec codec = new CsrfTokenCodec(keys.keys(), clock, random);
        CsrfVerifier verifier = new CsrfVerifier(codec, csrf.clientTtl(), csrf.ssrTtl(), csrf.clockSkew(), clock);
        return new CsrfProtection(csrf, codec, verifier, new CrossSiteCheck(csrf.trustedOrigins()), origins,
                new CsrfTokenIssuer(csrf, codec, verifier, cookies, clock), bearerOnly, sessionRenewalPaths);
    }

    /** The instance attached to this application's context, if the pack started there. */
    public static Optional<CsrfProtection> of(ServletContext context) {
        return Optional.ofNullable((CsrfProtection) context.getAttribute(ATTRIBUTE));
    }

    /** Makes the instance findable by {@link CsrfFilter} and {@link #of}. */
    public void attachTo(ServletContext context) {
        context.setAttribute(ATTRIBUTE, this);
    }

    /**
     * Puts a fresh client token (cookie and response header) on a response, for
     * login and logout: call it with the new session id after login and with
     * {@code null} after logout.
     *
     * @return the token, for a response body
     */
    public String issueFresh(HttpServletRequest request, HttpServletResponse response, String sessionId) {
        IssuedCsrfToken issued = issuer.fresh(request.getHeader("User-Agent"), sessionId);
        issued.applyTo(response);
        return issued.token();
    }

    /** The authenticated caller's {@code sid}, or {@code null} for an anonymous request. */
    static String callerSessionId(HttpServletRequest request) {
        if (!(request.getAttribute(RequestAttributes.CALLER) instanceof Caller)) {
            return null;
        }
        return request.getAttribute(RequestAttributes.SESSION_ID) instanceof String sid ? sid : null;
    }

    /** The value of the CSRF cookie on a request, or {@code null}. */
    String cookieValue(HttpServletRequest request) {
        return RequestCookies.value(request, issuer.cookieName());
    }
}
