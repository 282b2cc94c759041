package io.ssrguard.auth;

import io.ssrguard.http.JsonResponses;
import io.ssrguard.http.PathPattern;
import io.ssrguard.refresh.RefreshStoreUnavailableException;
import io.ssrguard.http.StartedComponents;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The plain-filter adapter of cookie authentication, for containers without
 * Jakarta Security (Tomcat). Declare it first in {@code web.xml}, mapped to
 * {@code /*}. It verifies the access cookie with the same core as the Jakarta
 * Security mechanism, wraps the request so that {@code getUserPrincipal},
 * {@code getRemoteUser} and {@code isUserInRole} work, and enforces
 * {@code ssrguard.auth.constraints}, because Tomcat checks its own constraints
 * before any filter runs: without a caller a browser navigation is sent to sign
 * in, anything else gets 401; without the role, 403 through the pack's error
 * page ({@link AccessRefusals}), as on the Jakarta Security containers.
 *
 * <p>On Payara and WildFly the mechanism has already authenticated the request;
 * this filter then only enforces the constraints, if any are configured. With
 * {@code ssrguard.auth.adapter=filter} the mechanism is not installed there either
 * and this filter authenticates as on Tomcat ({@link AuthAdapter}).
 *
 * <p>It finds its collaborators at {@link #init} and refuses to start without
 * them, so that a declared filter never lets requests through unchecked.
 */
public class AuthFilter implements Filter {

    private static final Logger LOG = Logger.getLogger(AuthFilter.class.getName());

    /** The servlet-context attribute under which the pack publishes the {@link PathConstraints}. */
    public static final String CONSTRAINTS = PathConstraints.class.getName();

    private RequestAuthentication authentication;
    private PathConstraints constraints;
    private AccessRefusals refusals;

    /** For {@code web.xml}: the collaborators are found in the servlet context at {@link #init}. */
    public AuthFilter() {
    }

    /** For tests and programmatic registration. */
    public AuthFilter(RequestAuthentication authentication, PathConstraints constraints, AccessRefusals refusals) {
        this.authentication = authentication;
        this.constraints = constraints;
        this.refusals = refusals;
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        if (authentication == null) {
            ServletContext context = config.getServletContext();
            authentication = StartedComponents.require(context, RequestAuthentication.ATTRIBUTE,
                    RequestAuthentication.class, getClass().getName());
            constraints = StartedComponents.require(context, CONSTRAINTS, PathConstraints.class, getClass().getName());
            refusals = StartedComponents.require(context, AccessRefusals.ATTRIBUTE, AccessRefusals.class,
                    getClass().getName());
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (!authentication.enabled()) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletRequest effective = request;
        Caller caller = request.getAttribute(RequestAttributes.CALLER) instanceof Caller c ? c : null;
        if (caller == null) {
            // Not authenticated by a Jakarta Security mechanism before us: this filter is the adapter.
            try {
                caller = authentication.identify(request, response).orElse(null);
            } catch (RefreshStoreUnavailableException e) {
                // The session could not be renewed because the store failed: 503, the cookies stay for a retry.
                LOG.warning("SSR Guard: " + request.getRequestURI() + " answered 503, the session could not be renewed: "
                        + e.getMessage());
                JsonResponses.unavailable(response);
                return;
            }
            if (caller != null) {
                effective = new AuthenticatedRequest(request, caller);
            }
        }
        Optional<PathConstraint> rule = constraints.governing(PathPattern.of(request));
        if (rule.isPresent()) {
            if (caller == null) {
                refusals.refuseAnonymous(request, response);
                return;
            }
            if (!rule.get().allows(caller.groups())) {
                refusals.refuseWithoutRole(response);
                return;
            }
        }
        chain.doFilter(effective, res);
    }
}
