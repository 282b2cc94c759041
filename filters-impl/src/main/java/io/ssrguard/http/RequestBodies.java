package io.ssrguard.http;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/** Reads request bodies with a hard size limit, whether or not Content-Length is honest. */
public final class RequestBodies {

    private RequestBodies() {
    }

    /** The whole body, or a 413 {@link BadRequestException} when it exceeds {@code maxBytes}. */
    public static byte[] read(HttpServletRequest request, int maxBytes) throws IOException, BadRequestException {
        if (request.getContentLengthLong() > maxBytes) {
            throw new BadRequestException(413, "body_too_large", "body of " + request.getContentLengthLong() + " bytes");
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw new BadRequestException(413, "body_too_large", "body over " + maxBytes + " bytes");
            }
            return body;
        }
    }
}
