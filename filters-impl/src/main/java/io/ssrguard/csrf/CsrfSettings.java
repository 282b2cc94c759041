package io.ssrguard.csrf;

import static io.ssrguard.config.SsrGuardProperties.CSP_REPORT_PATH;
import static io.ssrguard.config.SsrGuardProperties.CSRF_CLOCK_SKEW;
import static io.ssrguard.config.SsrGuardProperties.CSRF_COOKIE_NAME;
import static io.ssrguard.config.SsrGuardProperties.CSRF_ENABLED;
import static io.ssrguard.config.SsrGuardProperties.CSRF_ENDPOINT_PATH;
import static io.ssrguard.config.SsrGuardProperties.CSRF_EXEMPT_PATHS;
import static io.ssrguard.config.SsrGuardProperties.CSRF_FIELD_NAME;
import static io.ssrguard.config.SsrGuardProperties.CSRF_FORM_MAX_BYTES;
import static io.ssrguard.config.SsrGuardProperties.CSRF_HEADER_NAME;
import static io.ssrguard.config.SsrGuardProperties.CSRF_SAME_SITE;
import static io.ssrguard.config.SsrGuardProperties.CSRF_SSR_HEADER_NAME;
import static io.ssrguard.config.SsrGuardProperties.CSRF_SSR_TOKEN_TTL;
import static io.ssrguard.config.SsrGuardProperties.CSRF_TOKEN_TTL;
import static io.ssrguard.config.SsrGuardProperties.CSRF_TRUSTED_ORIGINS;
import static io.ssrguard.config.SsrGuardProperties.DEV_PROFILE;

import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.cookies.CookieRules;
import io.ssrguard.http.PathPattern;
import io.ssrguard.http.RequestBodies;
import io.ssrguard.tiers.EnvironmentTiers;
import io.ssrguard.tiers.Feature;
import io.ssrguard.http.WebOrigin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Settings of CSRF protection, loaded and validated once at start. Defaults
 * live here and nowhere else. The encryption keys are loaded apart, by
 * {@code io.ssrguard.keys.EncryptionKeys}.
 *
 * @param enabled        whether the filter checks unsafe requests
 * @param cookieName     base name of the CSRF cookie (prefix added by the cookie rules)
 * @param sameSite       {@code SameSite} of the CSRF cookie: Lax or Strict
 * @param headerName     request header with the client token
 * @param ssrHeaderName  request header with an SSR bypass token
 * @param clientTtl      lifetime of a client token
 * @param ssrTtl         lifetime of an SSR bypass token
 * @param clockSkew      how far in the future a token's issue time may lie
 * @param exemptPaths    context-relative paths needing no token: exact, or a prefix ending in {@code /*};
 *                       besides {@code ssrguard.csrf.exempt-paths}, the CSP report collector's path
 *                       ({@code ssrguard.csp.report-path}), since browsers post reports without any token
 * @param trustedOrigins origins besides the site's own that may send unsafe requests
 * @param endpointPath   path of the endpoint that issues client tokens
 * @param fieldName      form field with the client token, read only from form posts without the header
 * @param formMaxBytes   largest form body read for that field; a larger one is refused with 413 unread
 * @param bodyTimeout    how long such a form body may take to arrive ({@code ssrguard.http.body-timeout})
 */
public record CsrfSettings(
        boolean enabled,
        String cookieName,
        String sameSite,
        String headerName,
        String ssrHeaderName,
        Duration clientTtl,
        Duration ssrTtl,
        Duration clockSkew,
        List<String> exemptPaths,
        List<WebOrigin> trustedOrigins,
        String endpointPath,
        String fieldName,
        int formMaxBytes,
        Duration bodyTimeout) {

    public static final Duration DEFAULT_CLIENT_TTL = Duration.ofHours(24);
    public static final Duration DEFAULT_SSR_TTL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(5);
    /** As Tomcat's default {@code maxPostSize}: forms larger than this send the header. */
    public static final int DEFAULT_FORM_MAX_BYTES = 2 * 1024 * 1024;
    /** Profiles in which CSRF is off unless switched on, as the tier table of docs/tiers.md says. */

    public CsrfSettings {
        exemptPaths = List.copyOf(exemptPaths);
        trustedOrigins = List.copyOf(trustedOrigins);
    }

    /** Reads and validates the settings; throws {@link SettingsException} naming the bad property. */
    public static CsrfSettings load(SettingsReader s) {
        return new CsrfSettings(
                EnvironmentTiers.switchOf(s, Feature.CSRF).enabled(),
                CookieRules.baseName(s, CSRF_COOKIE_NAME, "ssrguard-csrf"),
                CookieRules.sameSite(s, CSRF_SAME_SITE, "Lax", List.of("Lax", "Strict")),
                s.headerName(CSRF_HEADER_NAME, "X-XSRF-TOKEN"),
                s.headerName(CSRF_SSR_HEADER_NAME, "X-SSR-CSRF"),
                s.positiveDuration(CSRF_TOKEN_TTL, DEFAULT_CLIENT_TTL),
                s.positiveDuration(CSRF_SSR_TOKEN_TTL, DEFAULT_SSR_TTL),
                s.duration(CSRF_CLOCK_SKEW, DEFAULT_CLOCK_SKEW),
                withReportPath(exemptPaths(s.list(CSRF_EXEMPT_PATHS, List.of())), s.optional(CSP_REPORT_PATH)),
                trustedOrigins(s.list(CSRF_TRUSTED_ORIGINS, List.of())),
                s.path(CSRF_ENDPOINT_PATH, "/auth/csrf"),
                fieldName(s.string(CSRF_FIELD_NAME, "_csrf")),
                s.integer(CSRF_FORM_MAX_BYTES, DEFAULT_FORM_MAX_BYTES, 1024, Integer.MAX_VALUE),
                RequestBodies.timeout(s));
    }

    /** Whether a context-relative path (servlet path plus path info) needs no token. */
    public boolean exempt(String path) {
        // Patterns were validated at load; they match the way every path rule of the pack does.
        return exemptPaths.stream().anyMatch(p -> new PathPattern(p).matches(path));
    }

    /** Characters a browser sends unencoded in a form field name, so the raw body can be matched. */
    private static String fieldName(String value) {
        if (!value.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new SettingsException(CSRF_FIELD_NAME + " must be 1 to 64 letters, digits, '_', '.' or '-', not '"
                    + value + "'");
        }
        return value;
    }

    private static List<String> exemptPaths(List<String> paths) {
        for (String p : paths) {
            if (p.equals("/*")) {
                throw new SettingsException(CSRF_EXEMPT_PATHS + " must not exempt every path ('/*'); to switch CSRF"
                        + " protection off, set " + CSRF_ENABLED + "=false");
            }
            String fixed = p.endsWith("/*") ? p.substring(0, p.length() - 2) : p;
            if (!p.startsWith("/") || fixed.contains("*") || p.chars().anyMatch(Character::isWhitespace)) {
                throw new SettingsException(CSRF_EXEMPT_PATHS + " must list paths starting with '/', optionally"
                        + " ending in '/*' for a prefix, not '" + p + "'");
            }
        }
        return paths;
    }

    /** Browsers send CSP reports with no CSRF token; the collector guards itself (size cap, rate limit). */
    private static List<String> withReportPath(List<String> exempt, java.util.Optional<String> reportPath) {
        if (reportPath.isEmpty() || exempt.contains(reportPath.get())) {
            return exempt;
        }
        List<String> all = new ArrayList<>(exempt);
        all.add(reportPath.get());
        return all;
    }

    private static List<WebOrigin> trustedOrigins(List<String> values) {
        List<WebOrigin> out = new ArrayList<>();
        for (String v : values) {
            out.add(WebOrigin.parse(v).orElseThrow(() -> new SettingsException(CSRF_TRUSTED_ORIGINS
                    + " must list origins such as https://app.example.com (scheme, host, optional port, no path),"
                    + " not '" + v + "'")));
        }
        return out;
    }
}
