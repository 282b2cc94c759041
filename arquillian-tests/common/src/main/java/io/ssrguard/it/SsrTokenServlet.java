package io.ssrguard.it;

import io.ssrguard.csrf.CsrfAttributes;
import io.ssrguard.csrf.CsrfTokens;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Test-only, added to the WAR of {@link ShortTtlIT}, never part of the sample:
 * an in-process renderer that mints an SSR bypass token through the documented
 * request attribute, exactly as a JSP, JSF page or servlet inside the WAR
 * would, and hands it to the test, which then plays the renderer's call to the
 * API (and later replays it). A real renderer never sends this token to a browser.
 */
@WebServlet("/it/ssr-token")
public class SsrTokenServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!(request.getAttribute(CsrfAttributes.TOKENS) instanceof CsrfTokens tokens)) {
            response.sendError(500, "no " + CsrfAttributes.TOKENS + " attribute: is CsrfFilter mapped?");
            return;
        }
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-SSR-Header-Name", tokens.getSsrHeaderName());
        response.getWriter().write(tokens.getSsrToken());
    }
}
