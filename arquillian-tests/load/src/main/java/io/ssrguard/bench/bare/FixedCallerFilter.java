package io.ssrguard.bench.bare;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The bare case of the load benchmark has no security, but serves the sample's own
 * servlets, which write the caller's name. This filter names a fixed caller, so that
 * bare writes the same answer as the protected cases; one wrapper object per request
 * is all it adds.
 */
@WebFilter("/api/*")
public class FixedCallerFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getRemoteUser() {
                return "alice";
            }
        }, response);
    }
}
