package io.ssrguard.auth;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.ssrguard.http.BadRequestException;
import io.ssrguard.http.UrlEncodedForm;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.text.ParseException;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a sign-in body: JSON {@code {"username","password","rememberMe"}} or an
 * {@code application/x-www-form-urlencoded} form with the same fields (plus {@code returnTo}, which
 * the pack's sign-in page sends).
 */
public final class LoginRequestParser {

    /** Bodies above this size are refused before parsing. */
    public static final int MAX_BODY_BYTES = 8 * 1024;
    static final int MAX_USERNAME_LENGTH = 256;
    static final int MAX_PASSWORD_LENGTH = 1024;

    /**
     * @param contentType the request's Content-Type, possibly with parameters
     * @param body        the raw body, at most {@link #MAX_BODY_BYTES}
     */
    public LoginRequest parse(String contentType, byte[] body) throws BadRequestException {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        String text = utf8(body);
        Map<String, Object> fields = switch (type) {
            case "application/json" -> json(text);
            case "application/x-www-form-urlencoded" -> UrlEncodedForm.parse(text, "login form");
            default -> throw new BadRequestException(415, "unsupported_media_type",
                    "login with Content-Type '" + type + "'");
        };
        String username = text(fields, "username", MAX_USERNAME_LENGTH);
        String password = text(fields, "password", MAX_PASSWORD_LENGTH);
        // Where a form sign-in returns to; checked where it is used, as every returnTo is.
        String returnTo = fields.get("returnTo") instanceof String r ? r : null;
        return new LoginRequest(username, password, flag(fields.get("rememberMe")), returnTo);
    }

    private static Map<String, Object> json(String text) throws BadRequestException {
        try {
            return JSONObjectUtils.parse(text);
        } catch (ParseException | RuntimeException e) {
            throw new BadRequestException(400, "malformed_body", "login body is not a JSON object");
        }
    }

    private static String text(Map<String, Object> fields, String name, int maxLength) throws BadRequestException {
        if (!(fields.get(name) instanceof String value) || value.isEmpty()) {
            throw new BadRequestException(400, "malformed_body", "login body lacks a string '" + name + "'");
        }
        if (value.length() > maxLength || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new BadRequestException(400, "malformed_body", "login field '" + name + "' is too long or has control characters");
        }
        return value;
    }

    private static boolean flag(Object value) throws BadRequestException {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equals("on") || s.equals("1"))) {
            return true;
        }
        if (value instanceof String s && (s.equalsIgnoreCase("false") || s.isEmpty() || s.equals("0"))) {
            return false;
        }
        throw new BadRequestException(400, "malformed_body", "login field 'rememberMe' is not a boolean");
    }

    private static String utf8(byte[] body) throws BadRequestException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestException(400, "malformed_body", "login body is not UTF-8");
        }
    }
}
