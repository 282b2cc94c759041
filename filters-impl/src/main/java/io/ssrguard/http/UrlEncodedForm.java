package io.ssrguard.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Parses an {@code application/x-www-form-urlencoded} body the pack reads
 * itself (the sign-in form, the provider's back-channel logout). A repeated
 * field is refused as ambiguous rather than resolved one way or the other.
 */
public final class UrlEncodedForm {

    private UrlEncodedForm() {
    }

    /**
     * @param text the decoded-to-text body
     * @param what what the body is, for the log message ("login form")
     * @throws BadRequestException 400 {@code malformed_body} for a repeated field or broken percent-encoding
     */
    public static Map<String, Object> parse(String text, String what) throws BadRequestException {
        Map<String, Object> fields = new HashMap<>();
        if (text.isEmpty()) {
            return fields;
        }
        try {
            for (String pair : text.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (fields.putIfAbsent(name, value) != null) {
                    throw new BadRequestException(400, "malformed_body", what + " repeats field "
                            + LogSafe.printable(name, 40));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(400, "malformed_body", what + " is not URL-encoded");
        }
        return fields;
    }
}
