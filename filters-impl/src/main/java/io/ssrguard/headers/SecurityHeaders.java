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
import io.ssrguard.http.OriginResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The security headers, computed once at start in the spirit of Tomcat's
 * {@code HttpHeaderSecurityFilter}: each configurable, the value {@code off}
 * switches one off (MicroProfile Config treats an empty value as unset). {@code Strict-Transport-Security} is kept apart because it is sent
 * over HTTPS only.
 *
 * @param always       headers for every response
 * @param frameOptions the {@code X-Frame-Options} value, or {@code null} when off
 * @param hsts         the HSTS value, or {@code null} when off
 * @param origins      decides whether a request arrived over HTTPS, behind trusted proxies too
 */
public record SecurityHeaders(List<Map.Entry<String, String>> always, String frameOptions, String hsts,
                              OriginResolver origins) {

    public SecurityHeaders {
        always = List.copyOf(always);
    }

    public static SecurityHeaders load(SettingsReader s, OriginResolver origins) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (s.bool(HEADERS_NOSNIFF, true)) {
            headers.add(Map.entry("X-Content-Type-Options", "nosniff"));
        }
        add(headers, "Referrer-Policy", value(s, HEADERS_REFERRER_POLICY, "strict-origin-when-cross-origin"));
        add(headers, "Permissions-Policy", value(s, HEADERS_PERMISSIONS_POLICY,
                "camera=(), microphone=(), geolocation=(), payment=(), usb=()"));
        add(headers, "Cross-Origin-Opener-Policy", value(s, HEADERS_COOP, "same-origin"));
        add(headers, "Cross-Origin-Resource-Policy", value(s, HEADERS_CORP, "same-origin"));
        String frameOptions = value(s, HEADERS_FRAME_OPTIONS, "DENY");
        String hsts = value(s, HEADERS_HSTS, "max-age=31536000; includeSubDomains");
        return new SecurityHeaders(headers, frameOptions.isEmpty() ? null : frameOptions, hsts.isEmpty() ? null : hsts,
                origins);
    }

    /**
     * Sets the headers on a response. HSTS only when the browser reached the
     * site over HTTPS (directly, or through a trusted proxy or the configured
     * public origin); {@code X-Frame-Options} unless the CSP in force covers framing.
     */
    public void applyTo(HttpServletRequest request, HttpServletResponse response, boolean cspCoversFraming) {
        for (Map.Entry<String, String> h : always) {
            response.setHeader(h.getKey(), h.getValue());
        }
        if (frameOptions != null && !cspCoversFraming) {
            response.setHeader("X-Frame-Options", frameOptions);
        }
        if (hsts != null && (request.isSecure() || origins.servedOverHttps(request))) {
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
