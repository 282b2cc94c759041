package io.ssrguard.http;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The one place where the pack writes a response body: short JSON, never
 * cached, never a stack trace.
 */
public final class JsonResponses {

    private JsonResponses() {
    }

    /** Writes {@code body} as JSON (in the map's iteration order) with the given status and commits the response. */
    public static void write(HttpServletResponse response, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json;charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }

    /** Writes {@code {"error": code}} with the given status. */
    public static void error(HttpServletResponse response, int status, String code) throws IOException {
        write(response, status, Map.of("error", code));
    }

    /** Seconds a client is told to wait after a 503: long enough for a pool to replace its connections. */
    public static final int RETRY_AFTER_SECONDS = 5;

    /**
     * Writes {@code {"error":"unavailable"}} with 503 and {@code Retry-After}: a dependency of the pack
     * (the refresh-token store) failed, the client's credentials may well be fine.
     */
    public static void unavailable(HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        error(response, 503, "unavailable");
    }
}
