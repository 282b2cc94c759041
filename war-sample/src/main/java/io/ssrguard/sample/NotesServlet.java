package io.ssrguard.sample;

import jakarta.servlet.annotation.MultipartConfig;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /api/notes}: a state-changing API for signed-in users. SSR
 * Guard's CSRF filter lets it through only with a valid client token (cookie
 * and {@code X-XSRF-TOKEN}, or the {@code _csrf} field of a form post) or an SSR
 * bypass token ({@code X-SSR-CSRF}). Accepts JSON, and plain HTML forms with a
 * {@code text} field, URL-encoded or multipart (hence its multipart configuration).
 */
@WebServlet("/api/notes")
@MultipartConfig(maxFileSize = 4096, maxRequestSize = 65536)
public class NotesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final int MAX_NOTE_BYTES = 4096;
    private final AtomicLong ids = new AtomicLong();

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String contentType = request.getContentType() == null ? "" : request.getContentType();
        if (contentType.startsWith("application/x-www-form-urlencoded") || contentType.startsWith("multipart/form-data")) {
            // A plain HTML form: its fields are request parameters, however the CSRF filter read the token field.
            String text = request.getParameter("text");
            response.setStatus(text == null ? 400 : 201);
            Json.write(response, text == null ? "{\"error\":\"no_text\"}" : "{\"id\":" + ids.incrementAndGet()
                    + ",\"owner\":" + Json.quote(request.getRemoteUser()) + ",\"text\":" + Json.quote(text) + "}");
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_NOTE_BYTES + 1);
        }
        if (body.length > MAX_NOTE_BYTES) {
            response.setStatus(413);
            Json.write(response, "{\"error\":\"too_large\"}");
            return;
        }
        response.setStatus(201);
        Json.write(response, "{\"id\":" + ids.incrementAndGet() + ",\"owner\":" + Json.quote(request.getRemoteUser())
                + ",\"bytes\":" + new String(body, StandardCharsets.UTF_8).length() + "}");
    }
}
