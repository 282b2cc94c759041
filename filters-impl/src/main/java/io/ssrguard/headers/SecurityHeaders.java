package io.ssrguard.headers;

import static io.ssrguard.config.SsrGuardProperties.HEADERS_COOP;
import static io.ssrguard.config.SsrGuardProperties.HEADERS_CORP;
import static io.ssrguard.config.SsrGuardProperties.HEADERS_FRAME_OPTIONS;
import static io.ssrguard.config.SsrGuardProperties.HEADERS_HSTS;
import static io.ssrguard.config.SsrGuardProperties.HEADERS_NOSNIFF;
import static io.ssrguard.config.SsrGuardProperties.HEADERS_PERMISSIONS_POLICY;
import static io.ssrguard.config.SsrGuardProperties.HEADERS_REFERRER_POLICY;

import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The security headers, computed once at start in the spirit of Tomcat's
 * {@code HttpHeaderSecurityFilter}: each configurable, the value {@code off}
 * switches one off (MicroProfile Config treats an empty value as unset). {@code Strict-Transport-Security} is kept apart because it is sent
 * over HTTPS only.
 *
 * @param always  headers for every response
 * @param hsts    the HSTS value, or {@code null} when off
 */
public record SecurityHeaders(List<Map.Entry<String, String>> always, String hsts) {

    public SecurityHeaders {
        always = List.copyOf(always);
    }

    /**
     * @param cspCoversFraming true when a Content-Security-Policy with {@code frame-ancestors}
     *                         is sent, which makes {@code X-Frame-Options} redundant
     */
    public static SecurityHeaders load(SettingsReader s, boolean cspCoversFraming) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (s.bool(HEADERS_NOSNIFF, true)) {
            headers.add(Map.entry("X-Content-Type-Options", "nosniff"));
        }
        add(headers, "Referrer-Policy", value(s, HEADERS_REFERRER_POLICY, "strict-origin-when-cross-origin"));
        add(headers, "Permissions-Policy", value(s, HEADERS_PERMISSIONS_POLICY,
                "camera=(), microphone=(), geolocation=(), payment=(), usb=()"));
        add(headers, "Cross-Origin-Opener-Policy", value(s, HEADERS_COOP, "same-origin"));
        add(headers, "Cross-Origin-Resource-Policy", value(s, HEADERS_CORP, "same-origin"));
        if (!cspCoversFraming) {
            add(headers, "X-Frame-Options", value(s, HEADERS_FRAME_OPTIONS, "DENY"));
        }
        String hsts = value(s, HEADERS_HSTS, "max-age=31536000; includeSubDomains");
        return new SecurityHeaders(headers, hsts.isEmpty() ? null : hsts);
    }

    /** Sets the headers on a response; HSTS only when the request came over HTTPS. */
    public void applyTo(jakarta.servlet.ServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
        for (Map.Entry<String, String> h : always) {
            response.setHeader(h.getKey(), h.getValue());
        }
        if (hsts != null && request.isSecure()) {
            response.setHeader("Strict-Transport-Security", hsts);
        }
    }

    private static void add(List<Map.Entry<String, String>> headers, String name, String value) {
        if (!value.isEmpty()) {
            headers.add(Map.entry(name, value));
        }
    }

    /** The configured value, or empty when set to {@code off}. */
    private static String value(SettingsReader s, String property, String defaultValue) {
        String v = s.string(property, defaultValue);
        if (v.equalsIgnoreCase("off")) {
            return "";
        }
        if (v.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new SettingsException(property + " must not contain control characters");
        }
        return v;
    }
}
