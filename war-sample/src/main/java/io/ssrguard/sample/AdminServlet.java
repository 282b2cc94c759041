package io.ssrguard.sample;

import io.ssrguard.auth.SignInLockouts;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /api/admin}: administrators only; web.xml requires role {@code admin}.
 * {@code POST /api/admin?unlock=<user name>} (or {@code ?unlockAddress=<address>}) lifts a
 * sign-in lockout of the pack's guessing protection, as a help desk would.
 */
@WebServlet("/api/admin")
public class AdminServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Json.write(response, "{\"admin\":" + Json.quote(request.getRemoteUser()) + ",\"users\":2}");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!(getServletContext().getAttribute(SignInLockouts.ATTRIBUTE) instanceof SignInLockouts lockouts)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String user = request.getParameter("unlock");
        String address = request.getParameter("unlockAddress");
        if (user == null && address == null) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        boolean lifted = user != null ? lockouts.clearAccount(user) : lockouts.clearAddress(address);
        Json.write(response, "{\"lifted\":" + lifted + "}");
    }
}
