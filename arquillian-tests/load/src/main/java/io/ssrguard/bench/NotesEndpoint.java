package io.ssrguard.bench;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/** {@code POST /api/notes}, doing what the sample's {@code NotesServlet} does: the bare case of the POST benchmark. */
@WebServlet("/api/notes")
public class NotesEndpoint extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final int MAX_NOTE_BYTES = 4096;
    private final AtomicLong ids = new AtomicLong();

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
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
        Json.write(response, "{\"id\":" + ids.incrementAndGet() + ",\"owner\":" + Json.quote(ProfileEndpoint.caller(request))
                + ",\"bytes\":" + new String(body, StandardCharsets.UTF_8).length() + "}");
    }
}
