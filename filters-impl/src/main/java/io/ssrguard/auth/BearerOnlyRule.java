package io.ssrguard.auth;

import io.ssrguard.http.PathPattern;
import io.ssrguard.http.RequestCookies;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one rule for requests authenticated by {@code Authorization: Bearer}
 * alone, used by authentication (such a request is authenticated by its token,
 * not its cookies) and by CSRF protection (such a request needs no CSRF token,
 * because a browser never attaches that header by itself). A request is
 * bearer-only when all of these hold:
 * <ul>
 *   <li>bearer authentication is on ({@code ssrguard.auth.bearer.enabled}, and authentication itself);</li>
 *   <li>it carries no session cookie (access, split halves, refresh): with one, the cookie rules apply;</li>
 *   <li>it is not for an endpoint that issues or clears session cookies (login, refresh, logout,
 *       OpenID Connect), which are never exempt from CSRF;</li>
 *   <li>and its bearer token is valid.</li>
 * </ul>
 * The verdict is computed once per request and kept as a request attribute, so
 * that the mechanism (or filter) and the CSRF filter never verify the token twice.
 */
public final class BearerOnlyRule {

    private static final String VERDICT = BearerOnlyRule.class.getName() + ".verdict";
    private static final String PREFIX = "Bearer ";

    private final boolean enabled;
    private final AccessTokenVerifier verifier;
    private final List<String> sessionCookieNames;
    private final Set<String> sessionEndpoints;

    /**
     * @param enabled            whether bearer authentication is on
     * @param verifier           verifies the token (through the verified-token cache on the request path)
     * @param sessionCookieNames wire names of every session cookie
     * @param sessionEndpoints   context-relative paths of the endpoints that issue or clear session cookies
     */
    public BearerOnlyRule(boolean enabled, AccessTokenVerifier verifier, List<String> sessionCookieNames,
                          Set<String> sessionEndpoints) {
        this.enabled = enabled;
        this.verifier = verifier;
        this.sessionCookieNames = List.copyOf(sessionCookieNames);
        this.sessionEndpoints = Set.copyOf(sessionEndpoints);
    }

    /**
     * How the bearer token of a bearer-only candidate verified: empty when the
     * request is no candidate (bearer off, no bearer header, a session cookie, a
     * session endpoint), else {@code Authenticated} or {@code Rejected}, never a refresh.
     */
    public Optional<AuthenticationResult> authenticate(HttpServletRequest request) {
        if (!enabled) {
            // Off (the default): no request is a candidate, so there is no verdict worth remembering on it.
            return Optional.empty();
        }
        if (request.getAttribute(VERDICT) instanceof Verdict known) {
            return known.result();
        }
        Optional<AuthenticationResult> result = candidateToken(request).map(this::verify);
        request.setAttribute(VERDICT, new Verdict(result));
        return result;
    }

    /** Whether the request is bearer-only: a candidate whose token is valid. */
    public boolean isBearerOnly(HttpServletRequest request) {
        return authenticate(request).orElse(null) instanceof AuthenticationResult.Authenticated;
    }

    private Optional<String> candidateToken(HttpServletRequest request) {
        if (!enabled) {
            return Optional.empty();
        }
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        if (hasSessionCookie(request) || sessionEndpoints.contains(PathPattern.of(request))) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(PREFIX.length()).trim());
    }

    private boolean hasSessionCookie(HttpServletRequest request) {
        for (String name : sessionCookieNames) {
            if (RequestCookies.value(request, name) != null) {
                return true;
            }
        }
        return false;
    }

    private AuthenticationResult verify(String token) {
        try {
            return new AuthenticationResult.Authenticated(verifier.verify(token), List.of());
        } catch (InvalidAccessTokenException e) {
            return new AuthenticationResult.Rejected("bearer: " + e.getMessage(), List.of());
        }
    }

    /** The per-request memo; a record so that "no candidate" is remembered too. */
    private record Verdict(Optional<AuthenticationResult> result) {
    }
}
