package io.ssrguard.auth;

import io.ssrguard.refresh.RefreshStoreUnavailableException;
import io.ssrguard.http.PathPattern;
import io.ssrguard.http.RequestCookies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Who is calling: the one place both adapters (the Jakarta Security mechanism
 * and {@link AuthFilter}) authenticate a request through. A bearer-only request
 * ({@link BearerOnlyRule}) is authenticated by its token; any other by its
 * cookies, renewing an expired or missing access cookie through the refresh
 * cookie except on the endpoints that handle the refresh cookie themselves.
 * Built once at start and published under {@link #ATTRIBUTE}.
 */
public final class RequestAuthentication {

    /** The servlet-context attribute under which the pack publishes the instance. */
    public static final String ATTRIBUTE = RequestAuthentication.class.getName();
    private static final Logger LOG = Logger.getLogger(RequestAuthentication.class.getName());

    private final boolean enabled;
    private final BearerOnlyRule bearer;
    private final CookieAuthenticator cookies;
    private final Set<String> noRefreshPaths;

    /**
     * @param enabled        whether authentication is on ({@code ssrguard.auth.enabled})
     * @param noRefreshPaths paths where the access cookie is not renewed: the refresh and logout
     *                       endpoints, which deal with the refresh cookie themselves
     */
    public RequestAuthentication(boolean enabled, BearerOnlyRule bearer, CookieAuthenticator cookies,
                                 Set<String> noRefreshPaths) {
        this.enabled = enabled;
        this.bearer = bearer;
        this.cookies = cookies;
        this.noRefreshPaths = Set.copyOf(noRefreshPaths);
    }

    /** Whether authentication is on; when off, {@link AuthFilter} lets requests through untouched. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Authenticates a request, puts the cookies the outcome needs on the response
     * (renewed or cleared session cookies) and, for a caller, publishes it and its
     * session as {@link RequestAttributes#CALLER} and {@link RequestAttributes#SESSION_ID}.
     *
     * @return the caller, or empty for an anonymous request or a refused credential
     * @throws RefreshStoreUnavailableException when an expired access cookie could not be renewed
     *         because the store failed; the adapter answers 503
     */
    public Optional<Caller> identify(HttpServletRequest request, HttpServletResponse response) {
        AuthenticationResult result = authenticate(request);
        result.setCookies().forEach(c -> response.addHeader("Set-Cookie", c));
        if (result instanceof AuthenticationResult.Authenticated ok) {
            request.setAttribute(RequestAttributes.CALLER, ok.token().caller());
            request.setAttribute(RequestAttributes.SESSION_ID, ok.token().sessionId());
            return Optional.of(ok.token().caller());
        }
        if (result instanceof AuthenticationResult.Rejected rejected) {
            LOG.fine(() -> "credential rejected on " + request.getRequestURI() + ": " + rejected.reason());
        }
        if (result instanceof AuthenticationResult.Unavailable unavailable) {
            throw new RefreshStoreUnavailableException(unavailable.detail(), null);
        }
        return Optional.empty();
    }

    /** What the request's credentials amount to, with the cookies the response must carry. */
    public AuthenticationResult authenticate(HttpServletRequest request) {
        Optional<AuthenticationResult> bearerOnly = bearer.authenticate(request);
        if (bearerOnly.isPresent()) {
            return bearerOnly.get();
        }
        Function<String, String> cookieValue = name -> RequestCookies.value(request, name);
        return cookies.authenticate(cookieValue, !noRefreshPaths.contains(PathPattern.of(request)));
    }
}
