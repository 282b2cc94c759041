package io.ssrguard.guard;

import io.ssrguard.SsrGuardRuntime;
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
import java.util.Map;
import java.util.Optional;

/**
 * Internal endpoint guard, declared in {@code web.xml} and mapped to {@code /*}:
 * guarded paths answer exactly what an unknown path of the application answers
 * (the container's own 404, through {@code sendError}) unless the request
 * carries a configured secret; probe User-Agents on probe paths get only
 * {@code {"status":"UP"}}.
 */
public class GuardFilter implements Filter {

    private static final Map<String, String> PROBE_STATUS = Map.of("status", "UP");

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        Optional<InternalGuard> guard = SsrGuardRuntime.of(req.getServletContext()).flatMap(SsrGuardRuntime::guard);
        if (guard.isEmpty()) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        switch (guard.get().decide(PathPattern.of(request), request.getHeader(guard.get().secretHeader()),
                request.getHeader("User-Agent"))) {
            case PASS -> chain.doFilter(req, res);
            case PROBE_STATUS -> JsonResponses.write(response, HttpServletResponse.SC_OK, PROBE_STATUS);
            case NOT_FOUND -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }
}
