package io.ssrguard.csp;

import io.ssrguard.guard.InternalGuard;
import io.ssrguard.http.JsonResponses;
import io.ssrguard.http.PathPattern;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The operator's view of the violation reports: {@code GET} answers the
 * {@link CspViolationSummary} as JSON. Registered by the pack only where the
 * internal endpoint guard is on, at a path the guard always guards
 * ({@code ssrguard.csp.report-summary-path}).
 *
 * <p>The servlet asks the guard itself as well, so that the summary stays closed
 * when the application mapped the guard's filter narrowly or not at all: without
 * the secret the answer is the container's own 404 through {@code sendError},
 * exactly what an unknown path gets.
 */
public final class CspReportSummaryServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient CspViolationSummary summary;
    private final transient InternalGuard guard;

    /**
     * @param summary what the collector has seen
     * @param guard   the internal guard, which must guard the path this servlet is mapped to
     */
    public CspReportSummaryServlet(CspViolationSummary summary, InternalGuard guard) {
        this.summary = summary;
        this.guard = guard;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = PathPattern.of(request);
        if (!guard.guards(path) || guard.decide(path, request.getHeader(guard.secretHeader()), null)
                != InternalGuard.Verdict.PASS) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (!"GET".equals(request.getMethod())) {
            response.setHeader("Allow", "GET");
            JsonResponses.error(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method_not_allowed");
            return;
        }
        JsonResponses.write(response, HttpServletResponse.SC_OK, summary.toJson());
    }
}
