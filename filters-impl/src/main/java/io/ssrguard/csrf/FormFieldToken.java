package io.ssrguard.csrf;

import io.ssrguard.http.BadRequestException;
import io.ssrguard.http.BlockingBody;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads the client token from a form field, for plain HTML form posts that cannot set a header.
 * Used by {@link CsrfFilter} only when the request has no token header and its content type is
 * a form; the token then goes through exactly the header's checks.
 *
 * <ul>
 *   <li>{@code application/x-www-form-urlencoded}: the body (at most the limit) is read here and
 *       handed on in a {@link ReplayedFormRequest}, so the application still reads it raw
 *       ({@code getInputStream}, JAX-RS) or as parameters ({@code getParameter}, Faces, JSP).</li>
 *   <li>{@code multipart/form-data}: the field is read with {@code getPart}, through the
 *       container's own parser, which caches the parts for the application. That needs a multipart
 *       configuration ({@code @MultipartConfig}) on the target servlet, which a servlet reading
 *       parts has anyway; without one, or with a malformed body, the answer is 400. An application
 *       that parses multipart bodies itself sends the token in the header instead.</li>
 * </ul>
 * A body whose {@code Content-Length} exceeds the limit is refused with 413 before anything is read;
 * a URL-encoded body that takes longer than the body deadline gets 408 ({@link BlockingBody}).
 */
final class FormFieldToken {

    /** Longer than any token the codec issues; a longer field is not a token and is not read further. */
    static final int MAX_TOKEN_CHARS = 512;
    private static final String URLENCODED = "application/x-www-form-urlencoded";
    private static final String MULTIPART = "multipart/form-data";

    private final String fieldName;
    private final int maxBytes;
    private final Duration deadline;
    private final Clock clock;

    /**
     * @param fieldName the form field that carries the token ({@code ssrguard.csrf.field-name})
     * @param maxBytes  the largest form body read for it ({@code ssrguard.csrf.form-max-bytes})
     * @param deadline  how long the whole body may take ({@code ssrguard.http.body-timeout})
     */
    FormFieldToken(String fieldName, int maxBytes, Duration deadline, Clock clock) {
        this.fieldName = fieldName;
        this.maxBytes = maxBytes;
        this.deadline = deadline;
        this.clock = clock;
    }

    /** The reader for these settings' field name and body limit. */
    static FormFieldToken of(CsrfSettings settings) {
        return new FormFieldToken(settings.fieldName(), settings.formMaxBytes(), settings.bodyTimeout(), Clock.systemUTC());
    }

    /** The request and, when a form was read, the token found in it (or {@code null}). */
    record Read(HttpServletRequest request, String token) {
    }

    /** Whether a {@code Content-Type} is one of the two form encodings browsers submit. */
    static boolean isForm(String contentType) {
        String type = mediaType(contentType);
        return type.equals(URLENCODED) || type.equals(MULTIPART);
    }

    /**
     * Reads the token field of a form request.
     *
     * @return the request to hand on (a replaying wrapper for URL-encoded forms) and the field's
     *         value, or the request itself and {@code null} when it is not a form or has no such field
     * @throws BadRequestException 413 for a body over the limit, 400 for a body that cannot be read as a form
     * @throws CsrfRejectedException when the field is given more than once or is no plausible token
     */
    Read read(HttpServletRequest request) throws BadRequestException, CsrfRejectedException, IOException {
        String type = mediaType(request.getContentType());
        if (!type.equals(URLENCODED) && !type.equals(MULTIPART)) {
            return new Read(request, null);
        }
        if (request.getContentLengthLong() > maxBytes) {
            throw new BadRequestException(413, "body_too_large", "form body of " + request.getContentLengthLong()
                    + " bytes, over the " + maxBytes + " read for the CSRF field");
        }
        return type.equals(URLENCODED) ? urlEncoded(request) : new Read(request, multipart(request));
    }

    private Read urlEncoded(HttpServletRequest request) throws BadRequestException, CsrfRejectedException, IOException {
        byte[] body;
        try {
            // Blocking, as the application's own read of this body would be: a filter cannot wait for it
            // asynchronously and then go on down the chain. A trickled form is ended by the deadline, one that
            // stops by the container's read timeout; both get the pack's JSON, never the container's exception.
            // The stream is the container's and is not closed here: closing it on WildFly reads the rest of the
            // body first, which would hold the refusal for as long as the client keeps sending.
            body = BlockingBody.read(request.getInputStream(), maxBytes, deadline, clock);
        } catch (IllegalStateException e) {
            body = new byte[0]; // an earlier filter took the body through getReader
        }
        if (body.length == 0) {
            // Empty, or already parsed by an earlier filter's getParameter: then the container holds the fields.
            return new Read(request, single(request.getParameterValues(fieldName)));
        }
        // Tokens are ASCII, so ISO-8859-1 maps each byte to one char whatever the form's charset.
        String token = null;
        for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
            int eq = pair.indexOf('=');
            // Field names are limited to characters a browser sends unencoded, so the raw name compares.
            if (eq < 0 || !pair.substring(0, eq).equals(fieldName)) {
                continue;
            }
            if (token != null) {
                throw new CsrfRejectedException(CsrfRejection.MISSING, "form field " + fieldName + " given twice");
            }
            token = plausible(decode(pair.substring(eq + 1)));
        }
        return new Read(new ReplayedFormRequest(request, body), token);
    }

    private String single(String[] values) throws CsrfRejectedException {
        if (values == null || values.length == 0) {
            return null;
        }
        if (values.length > 1) {
            throw new CsrfRejectedException(CsrfRejection.MISSING, "form field " + fieldName + " given twice");
        }
        return plausible(values[0]);
    }

    private String multipart(HttpServletRequest request) throws BadRequestException, CsrfRejectedException {
        Part part;
        try {
            part = request.getPart(fieldName);
        } catch (IOException | ServletException | RuntimeException e) {
            // Malformed, over the servlet's multipart limits, or no @MultipartConfig on the target servlet:
            // the container says which only in its exception, which never reaches the client.
            throw new BadRequestException(400, "malformed_body", "multipart body not readable for the CSRF field ("
                    + e.getClass().getSimpleName() + "; the target servlet needs @MultipartConfig, or send the header)");
        }
        if (part == null) {
            return null;
        }
        if (part.getSubmittedFileName() != null || part.getSize() > MAX_TOKEN_CHARS) {
            throw new CsrfRejectedException(CsrfRejection.UNDECRYPTABLE, "form field " + fieldName + " is a file or too long");
        }
        try (InputStream in = part.getInputStream()) {
            return plausible(new String(in.readNBytes(MAX_TOKEN_CHARS + 1), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new BadRequestException(400, "malformed_body", "multipart field " + fieldName + " not readable");
        }
    }

    private String plausible(String value) throws CsrfRejectedException {
        if (value.length() > MAX_TOKEN_CHARS) {
            throw new CsrfRejectedException(CsrfRejection.UNDECRYPTABLE, "form field " + fieldName + " too long");
        }
        return value;
    }

    private static String decode(String s) throws BadRequestException {
        try {
            return URLDecoder.decode(s, StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(400, "malformed_body", "form body is not URL-encoded");
        }
    }

    private static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }
}
