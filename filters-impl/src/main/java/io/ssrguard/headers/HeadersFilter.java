package io.ssrguard.headers;

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
 * Sets the precomputed security headers on every response, before the
 * application runs (so they are there even when it commits early). HSTS only
 * on requests that arrived over HTTPS. Declare it first in {@code web.xml}. On
 * Payara and WildFly the authentication mechanism sets the same headers
 * before any filter, so that the container's own 401 and 403 carry them too.
 * It finds its {@link ResponseHeaders} at {@link #init} and refuses to start without them.
 */
public class HeadersFilter implements Filter {

    private ResponseHeaders headers;

    /** For {@code web.xml}: the headers are found in the servlet context at {@link #init}. */
    public HeadersFilter() {
    }

    /** For tests and programmatic registration. */
    public HeadersFilter(ResponseHeaders headers) {
        this.headers = headers;
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        if (headers == null) {
            headers = StartedComponents.require(config.getServletContext(), ResponseHeaders.ATTRIBUTE,
                    ResponseHeaders.class, getClass().getName());
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (req instanceof HttpServletRequest request && res instanceof HttpServletResponse response) {
            headers.applyTo(request, response);
        }
        chain.doFilter(req, res);
    }
}
