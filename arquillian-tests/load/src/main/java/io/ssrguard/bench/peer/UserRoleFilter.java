package io.ssrguard.bench.peer;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The peer WAR's access rule: role {@code user} or 401. Payara refuses web.xml
 * security constraints next to {@code @LoginConfig} ("security-constraints cannot be
 * defined while using the @LoginConfig annotation") and MP-JWT then stays off; its
 * mechanism still authenticates every request that carries a token, so this check
 * after it is all the endpoint needs.
 */
public class UserRoleFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.isUserInRole("user")) {
            chain.doFilter(request, response);
        } else {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        }
    }
}
