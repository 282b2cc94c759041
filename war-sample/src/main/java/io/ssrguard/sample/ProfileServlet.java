package io.ssrguard.sample;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /api/profile}: the signed-in user's profile; web.xml requires role {@code user}. */
@WebServlet("/api/profile")
public class ProfileServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Json.write(response, "{\"name\":" + Json.quote(request.getRemoteUser())
                + ",\"admin\":" + request.isUserInRole("admin") + "}");
    }
}
