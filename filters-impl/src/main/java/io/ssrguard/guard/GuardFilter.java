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
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * Internal endpoint guard, declared in {@code web.xml} and mapped to {@code /*}, last of the pack's
 * filters: guarded paths answer exactly what an unknown path of the application answers, whatever the
 * method, unless the request carries a configured secret; probe User-Agents on probe paths get only
 * {@code {"status":"UP"}}. It finds its {@link InternalGuard} at {@link #init} (an off guard where the
 * feature is off) and refuses to start without it.
 *
 * <p>{@link UnknownPathAnswer} has whatever serves unknown paths answer. Filters that run before the
 * guard (headers, CSP, gate, CSRF) have already treated the request as they treat an unknown path's,
 * which is why the guard comes after all of them.
 */
public class GuardFilter implements Filter {

    private static final Map<String, String> PROBE_STATUS = Map.of("status", "UP");
    /** What the guard's TRACE refusal lists: the methods a default servlet serves, the same on every path. */
    static final String TRACE_REFUSAL_ALLOW = "GET, HEAD, POST, PUT, DELETE, OPTIONS";

    private InternalGuard guard;
    private final UnknownPathAnswer unknownPath = new UnknownPathAnswer();

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
        if (guard.enabled()) {
            ContainerTraceCheck.warnIfTraceBypassesTheGuard(config.getServletContext().getServerInfo());
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (guard.enabled() && "TRACE".equals(request.getMethod())) {
            refuseTrace(response);
            return;
        }
        switch (guard.decide(PathPattern.of(request), request.getHeader(guard.secretHeader()),
                request.getHeader("User-Agent"))) {
            // Wrapped while the guard is on, so that an unknown path is served a wrapped request like the
            // forwarded guarded one: Tomcat's default servlet lists TRACE in OPTIONS' Allow only for an
            // unwrapped request (and TRACE is refused here anyway).
            case PASS -> chain.doFilter(guard.enabled() ? new HttpServletRequestWrapper(request) : request, res);
            case PROBE_STATUS -> JsonResponses.write(response, HttpServletResponse.SC_OK, PROBE_STATUS);
            case NOT_FOUND -> unknownPath.send(request, response);
        }
    }

    /**
     * TRACE, on every path alike while the guard is on: a container that lets TRACE through (Tomcat with
     * {@code allowTrace="true"}, Payara with {@code trace-enabled=true}, as docs/guard.md asks, because
     * their own refusal lists the mapped servlet's methods in {@code Allow}) would otherwise echo the
     * request, and on a guarded path echo the forwarded path. One fixed answer tells no path from another.
     */
    private static void refuseTrace(HttpServletResponse response) throws IOException {
        response.setHeader("Allow", TRACE_REFUSAL_ALLOW);
        JsonResponses.error(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method_not_allowed");
    }
}
