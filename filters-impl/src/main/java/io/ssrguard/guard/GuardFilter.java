package io.ssrguard.guard;

import io.ssrguard.http.JsonResponses;
import io.ssrguard.http.PathPattern;
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
import java.util.Map;

/**
 * Internal endpoint guard, declared in {@code web.xml} and mapped to {@code /*}:
 * guarded paths answer exactly what an unknown path of the application answers
 * (the container's own 404, through {@code sendError}) unless the request
 * carries a configured secret; probe User-Agents on probe paths get only
 * {@code {"status":"UP"}}. It finds its {@link InternalGuard} at {@link #init}
 * (an off guard where the feature is off) and refuses to start without it.
 */
public class GuardFilter implements Filter {

    private static final Map<String, String> PROBE_STATUS = Map.of("status", "UP");

    private InternalGuard guard;

    /** For {@code web.xml}: the guard is found in the servlet context at {@link #init}. */
    public GuardFilter() {
    }

    /** For tests and programmatic registration. */
    public GuardFilter(InternalGuard guard) {
        this.guard = guard;
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        if (guard == null) {
            guard = StartedComponents.require(config.getServletContext(), InternalGuard.ATTRIBUTE, InternalGuard.class,
                    getClass().getName());
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        switch (guard.decide(PathPattern.of(request), request.getHeader(guard.secretHeader()),
                request.getHeader("User-Agent"))) {
            case PASS -> chain.doFilter(req, res);
            case PROBE_STATUS -> JsonResponses.write(response, HttpServletResponse.SC_OK, PROBE_STATUS);
            case NOT_FOUND -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }
}
