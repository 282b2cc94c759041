package io.ssrguard.gate;

import io.ssrguard.SsrGuardRuntime;
import io.ssrguard.auth.Caller;
import io.ssrguard.auth.RequestAttributes;
import io.ssrguard.guard.InternalGuard;
import io.ssrguard.http.JsonResponses;
import io.ssrguard.http.PathPattern;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * The site gate, for staging-like environments: declared in {@code web.xml}
 * before the internal endpoint guard. Without a signed-in user, navigations get
 * a 302 to sign in with {@code returnTo}, other requests 401. Requests the
 * internal endpoint guard admits (the right secret, a probe on a probe path)
 * pass, so operators and probes need no user; guarded paths are otherwise
 * gated like any path, so the gate's answer never tells them apart.
 */
public class GateFilter implements Filter {

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        Optional<SsrGuardRuntime> runtime = SsrGuardRuntime.of(req.getServletContext());
        Optional<SiteGate> gate = runtime.flatMap(SsrGuardRuntime::gate);
        if (gate.isEmpty()) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String path = PathPattern.of(request);
        boolean signedIn = request.getAttribute(RequestAttributes.CALLER) instanceof Caller
                || admittedByGuard(runtime.get(), request, path);
        String rawPath = request.getRequestURI().substring(request.getContextPath().length());
        String returnTo = request.getQueryString() == null ? rawPath : rawPath + "?" + request.getQueryString();
        SiteGate.Verdict verdict = gate.get().decide(signedIn, request.getContextPath(), path, returnTo, isNavigation(request));
        if (verdict instanceof SiteGate.Verdict.SignIn signIn) {
            response.setHeader("Cache-Control", "no-store");
            response.sendRedirect(signIn.location());
        } else if (verdict instanceof SiteGate.Verdict.Unauthorized) {
            JsonResponses.error(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized");
        } else {
            chain.doFilter(req, res);
        }
    }

    private static boolean admittedByGuard(SsrGuardRuntime runtime, HttpServletRequest request, String path) {
        Optional<InternalGuard> guard = runtime.guard();
        return guard.isPresent() && guard.get().guards(path) && guard.get().decide(path,
                request.getHeader(guard.get().secretHeader()), request.getHeader("User-Agent")) != InternalGuard.Verdict.NOT_FOUND;
    }

    /** A page load by a browser, as opposed to a script's or a client's request. */
    static boolean isNavigation(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            return false;
        }
        String mode = request.getHeader("Sec-Fetch-Mode");
        if (mode != null) {
            return mode.equals("navigate");
        }
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }
}
