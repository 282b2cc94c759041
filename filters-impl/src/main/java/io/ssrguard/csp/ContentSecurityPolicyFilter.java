package io.ssrguard.csp;

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
 * Sets the Content-Security-Policy header and the request's nonce. Declared in
 * {@code web.xml} (class {@code io.ssrguard.csp.ContentSecurityPolicyFilter},
 * usually on {@code /*}); it finds the pack's {@link CspProtection} in the
 * servlet context and refuses to start without it, because a CSP filter that
 * silently sets nothing is worse than a failed deployment.
 *
 * <p>The header is set <em>before</em> the application runs, on every response
 * the mapping covers. The content type is only known after the application has
 * written, when the response may already be committed and headers can no longer
 * be added; wrapping the response to wait for {@code text/html} misses content
 * types set by the container, early commits and error pages. A policy on a
 * non-document response (JSON, an image) is ignored by browsers and costs a few
 * hundred bytes, so this is the robust choice; narrow the mapping to limit it.
 * {@code setHeader} keeps exactly one header per response; when the filter runs
 * again for the same request (a forward or error dispatch), it reuses the
 * request's nonce so that page and header still agree.
 */
public final class ContentSecurityPolicyFilter implements Filter {


    private CspProtection csp;

    /** For the container: the feature is found in the servlet context at {@link #init}. */
    public ContentSecurityPolicyFilter() {
    }

    /** For tests and programmatic registration. */
    public ContentSecurityPolicyFilter(CspProtection csp) {
        this.csp = csp;
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        if (csp == null) {
            csp = CspProtection.of(config.getServletContext()).orElseThrow(() -> new ServletException(
                    StartedComponents.notStarted(getClass().getName())));
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse out) {
            csp.applyTo(http, out);
        }
        chain.doFilter(request, response);
    }
}
