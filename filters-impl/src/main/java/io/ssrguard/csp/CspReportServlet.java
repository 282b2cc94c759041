package io.ssrguard.csp;

import io.ssrguard.config.SsrGuardProperties;
import io.ssrguard.http.BadRequestException;
import io.ssrguard.http.EndpointServlet;
import io.ssrguard.http.JsonResponses;
import io.ssrguard.http.RequestBodies;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Collects CSP violation reports ({@code POST}, {@code application/csp-report}
 * or {@code application/reports+json}), counts them in the feature's
 * {@link CspViolationSummary} and logs one line per new kind of violation (the
 * summary has the counts; a log line per report would let any visitor flood the log).
 *
 * <p>Anyone can post here, so it is defensive: a token bucket per node limits
 * requests (429 past it; dropped reports are counted in the next log line), the
 * body is capped before it is parsed (413), bad JSON and other types get 400 and
 * 415, and at most {@link #MAX_LINES_PER_REQUEST} lines are logged per request.
 * Accepted reports get 204. Nothing here answers 500.
 */
public final class CspReportServlet extends EndpointServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(CspReportServlet.class.getName());
    /** Browsers batch Reporting API reports; a request with more than this many violations is logged in part. */
    static final int MAX_LINES_PER_REQUEST = 20;

    private final transient CspReportParser parser = new CspReportParser();
    private final transient AtomicLong dropped = new AtomicLong();
    private final transient AtomicBoolean capLogged = new AtomicBoolean();
    private final transient Clock clock;
    private transient CspProtection csp;
    private transient TokenBucket bucket;
    private final transient Endpoint endpoint = Endpoint.of("POST", this::receive);

    /** For the container: the feature is found in the servlet context at {@link #init()}. */
    public CspReportServlet() {
        super("CSP report collector");
        this.clock = Clock.systemUTC();
    }

    /** For programmatic registration and tests. */
    public CspReportServlet(CspProtection csp, Clock clock) {
        super("CSP report collector");
        this.clock = clock;
        this.csp = csp;
        this.bucket = bucket(csp, clock);
    }

    @Override
    public void init() throws ServletException {
        if (csp == null) {
            csp = CspProtection.of(getServletContext()).orElseThrow(() -> new ServletException(
                    "SSR Guard did not start in this application; check the deployment log"));
            bucket = bucket(csp, clock);
        }
    }

    /** The collector's rate limit; none when CSP is off, as then there is no collector (404). */
    private static TokenBucket bucket(CspProtection csp, Clock clock) {
        return csp.settings().map(s -> new TokenBucket(s.reportRateLimit(), clock)).orElse(null);
    }

    @Override
    protected Optional<Endpoint> endpoint(String servletPath) {
        return csp.enabled() ? Optional.of(endpoint) : Optional.empty();
    }

    private void receive(HttpServletRequest request, HttpServletResponse response)
            throws IOException, BadRequestException {
        if (!bucket.tryAcquire()) {
            dropped.incrementAndGet();
            throw new BadRequestException(429, "too_many_reports", "rate limit");
        }
        // The body arrives without holding this thread (see RequestBodies); it is parsed once complete.
        CspSettings settings = csp.settings().orElseThrow();
        RequestBodies.read(request, response, settings.reportMaxBytes(), settings.bodyTimeout(),
                body -> answer(request, response, () -> {
                    log(parser.parse(request.getContentType(), body));
                    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
                }));
    }

    @Override
    protected void fail(HttpServletRequest request, HttpServletResponse response, RuntimeException e)
            throws IOException {
        // Whatever a client managed to break here, it was its input: 400, never a 500 with a trace.
        LOG.fine(() -> "CSP report could not be read: " + e);
        JsonResponses.error(response, 400, "malformed_report");
    }

    private void log(List<CspViolation> violations) {
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            LOG.warning(() -> "CSP reports: " + lost + " request(s) dropped by the rate limit");
        }
        CspViolationSummary summary = csp.violations();
        int logged = 0;
        for (CspViolation v : violations) {
            switch (summary.add(v)) {
                case NEW_KIND -> {
                    if (logged++ < MAX_LINES_PER_REQUEST) {
                        LOG.warning(() -> "New kind of " + v.logLine());
                    }
                }
                case DROPPED -> {
                    if (capLogged.compareAndSet(false, true)) {
                        LOG.warning(() -> "CSP reports: the summary holds " + summary.size()
                                + " kinds of violation, its cap (" + SsrGuardProperties.CSP_REPORT_MAX_KINDS
                                + "); reports of further kinds are counted as dropped, not kept");
                    }
                }
                case COUNTED -> { }
            }
        }
        if (logged > MAX_LINES_PER_REQUEST) {
            int more = logged - MAX_LINES_PER_REQUEST;
            LOG.warning(() -> "CSP reports: " + more + " more new kind(s) in the same request not logged; see the summary");
        }
    }
}
