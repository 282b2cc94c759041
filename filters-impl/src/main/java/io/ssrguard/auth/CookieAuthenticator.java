package io.ssrguard.auth;

import io.ssrguard.refresh.RefreshCookies;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The container-free core of cookie authentication, shared by the Jakarta
 * Security mechanism and the plain-filter adapter: cookies in, a verdict out.
 * An expired or missing access cookie next to a refresh cookie is renewed on
 * the spot (transparent refresh, silent login for remembered users).
 */
public final class CookieAuthenticator {

    private static final AuthenticationResult ANONYMOUS = new AuthenticationResult.Anonymous();

    private final AccessCookies cookies;
    private final AccessTokenVerifier verifier;
    private final RefreshCookies refreshCookies;
    private final SignInSessions sessions;

    /** @param verifier verifies access tokens (through the verified-token cache on the request path) */
    public CookieAuthenticator(AccessCookies cookies, AccessTokenVerifier verifier, RefreshCookies refreshCookies,
                               SignInSessions sessions) {
        this.cookies = cookies;
        this.verifier = verifier;
        this.refreshCookies = refreshCookies;
        this.sessions = sessions;
    }

    /** As {@link #authenticate(Function, boolean)} with transparent refresh allowed. */
    public AuthenticationResult authenticate(Function<String, String> cookieValue) {
        return authenticate(cookieValue, true);
    }

    /**
     * @param cookieValue  looks a cookie up by its wire name; returns {@code null} when absent
     * @param mayRefresh   whether an expired or missing access cookie may be renewed here; false on the
     *                     refresh and logout endpoints, which deal with the refresh cookie themselves
     */
    public AuthenticationResult authenticate(Function<String, String> cookieValue, boolean mayRefresh) {
        Optional<String> token;
        try {
            token = cookies.read(cookieValue);
        } catch (InvalidAccessTokenException e) {
            return new AuthenticationResult.Rejected(e.getMessage(), List.of());
        }
        if (token.isPresent()) {
            try {
                return new AuthenticationResult.Authenticated(verifier.verify(token.get()), List.of());
            } catch (InvalidAccessTokenException e) {
                if (!e.isExpired()) {
                    // Only expiry is repaired by a refresh: a forged access cookie never is.
                    return new AuthenticationResult.Rejected(e.getMessage(), List.of());
                }
            }
        }
        String refreshToken = mayRefresh ? refreshCookies.read(cookieValue) : null;
        if (refreshToken == null) {
            return token.isPresent() ? new AuthenticationResult.Rejected("expired token", List.of()) : ANONYMOUS;
        }
        SignInSessions.RefreshOutcome outcome = sessions.refresh(refreshToken);
        if (outcome instanceof SignInSessions.RefreshOutcome.Refreshed r) {
            return new AuthenticationResult.Authenticated(r.session().access(), r.session().setCookies());
        }
        if (outcome instanceof SignInSessions.RefreshOutcome.Refused r) {
            return new AuthenticationResult.Rejected("refresh refused: " + r.reason(), r.clearCookies());
        }
        return new AuthenticationResult.Unavailable(((SignInSessions.RefreshOutcome.Unavailable) outcome).detail());
    }
}
