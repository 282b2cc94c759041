package io.ssrguard.it;

import io.ssrguard.refresh.RefreshFamilies;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Test-only, added by name to the WAR of the two-node revocation test, never
 * part of the sample: an administrator's "sign this user out everywhere",
 * done exactly as an application does it, through the published
 * {@link RefreshFamilies}. Answers the number of families it revoked.
 */
@WebServlet("/it/revoke-user")
public class RevokeUserServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!(getServletContext().getAttribute(RefreshFamilies.ATTRIBUTE) instanceof RefreshFamilies families)) {
            response.sendError(500, "no " + RefreshFamilies.ATTRIBUTE + " attribute: did the pack start?");
            return;
        }
        String user = request.getParameter("user");
        if (user == null || user.isBlank()) {
            response.sendError(400, "user is required");
            return;
        }
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(String.valueOf(families.revokeAll(user)));
    }
}
