package io.ssrguard.gate;

import io.ssrguard.auth.Caller;
import io.ssrguard.auth.RequestAttributes;
import io.ssrguard.guard.InternalGuard;
import io.ssrguard.http.BrowserNavigation;
import io.ssrguard.http.JsonResponses;
import io.ssrguard.http.PathPattern;
import io.ssrguard.http.SignInRedirect;
import io.ssrguard.http.StartedComponents;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The site gate, for staging-like environments: declared in {@code web.xml}
 * before the internal endpoint guard. Without a signed-in user, navigations get
 * a 302 to sign in with {@code returnTo}, other requests 401. Requests the
 * internal endpoint guard admits (the right secret, a probe on a probe path)
 * pass, so operators and probes need no user; guarded paths are otherwise
 * gated like any path, so the gate's answer never tells them apart. It finds
 * the gate and the guard at {@link #init} (off ones where those features are
 * off) and refuses to start without them.
 */
public class GateFilter implements Filter {

    private SiteGate gate;
    private InternalGuard guard;

    /** For {@code web.xml}: the gate and the guard are found in the servlet context at {@link #init}. */
    public GateFilter() {
    }

    /** For tests and programmatic registration. */
    public GateFilter(SiteGate gate, InternalGuard guard) {
        this.gate = gate;
        this.guard = guard;
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        if (gate == null) {
            gate = StartedComponents.require(config.getServletContext(), SiteGate.ATTRIBUTE, SiteGate.class,
                    getClass().getName());
            guard = StartedComponents.require(config.getServletContext(), InternalGuard.ATTRIBUTE, InternalGuard.class,
                    getClass().getName());
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!gate.enabled()) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String path = PathPattern.of(request);
        boolean signedIn = request.getAttribute(RequestAttributes.CALLER) instanceof Caller
                || admittedByGuard(request, path);
        SiteGate.Verdict verdict = gate.decide(signedIn, request.getContextPath(), path,
                SignInRedirect.returnTo(request), BrowserNavigation.is(request));
        if (verdict instanceof SiteGate.Verdict.SignIn signIn) {
            SignInRedirect.send(response, signIn.location());
        } else if (verdict instanceof SiteGate.Verdict.Unauthorized) {
            JsonResponses.error(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized");
        } else {
            chain.doFilter(req, res);
        }
    }

    private boolean admittedByGuard(HttpServletRequest request, String path) {
        return guard.guards(path) && guard.decide(path, request.getHeader(guard.secretHeader()),
                request.getHeader("User-Agent")) != InternalGuard.Verdict.NOT_FOUND;
    }
}
