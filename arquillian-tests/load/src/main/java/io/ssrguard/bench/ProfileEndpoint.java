package io.ssrguard.bench;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /api/profile}, answering exactly what the sample's {@code ProfileServlet}
 * answers, so that the bare and peer cases of the load benchmark serve the same work as
 * the full-chain case. Unprotected in the bare WAR, role {@code user} in the peer WAR.
 */
@WebServlet("/api/profile")
public class ProfileEndpoint extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Json.write(response, "{\"name\":" + Json.quote(caller(request))
                + ",\"admin\":" + request.isUserInRole("admin") + "}");
    }

    /** The bare WAR has no caller; it answers for a fixed name of the same length class. */
    static String caller(HttpServletRequest request) {
        String user = request.getRemoteUser();
        return user == null ? "alice" : user;
    }
}
