package io.ssrguard.headers;

import io.ssrguard.SsrGuardRuntime;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
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
 */
public class HeadersFilter implements Filter {

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        SsrGuardRuntime.of(req.getServletContext()).ifPresent(runtime -> runtime.applyHeaders(
                (HttpServletRequest) req, (HttpServletResponse) res));
        chain.doFilter(req, res);
    }
}
