package io.ssrguard.headers;

import io.ssrguard.csp.CspProtection;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * The headers the pack puts on every response: the security headers (when that
 * feature is on) and the Content-Security-Policy (when the application declared
 * the CSP filter and CSP is on). Built once at start and published under
 * {@link #ATTRIBUTE}; with both off it sets nothing.
 */
public final class ResponseHeaders {

    /** The servlet-context attribute under which the pack publishes the instance. */
    public static final String ATTRIBUTE = ResponseHeaders.class.getName();

    private final Optional<SecurityHeaders> security;
    private final Optional<CspProtection> csp;

    /**
     * @param security the security headers, empty when that feature is off
     * @param csp      the CSP, present only when it is on and the application declared its filter
     */
    public ResponseHeaders(Optional<SecurityHeaders> security, Optional<CspProtection> csp) {
        this.security = security;
        this.csp = csp.filter(CspProtection::enabled);
    }

    /**
     * Sets the headers on a response. Called by the first of the pack's
     * components that sees the request (the mechanism, or {@link HeadersFilter}),
     * so that responses the container or the pack answers before the filter
     * chain (401, 403) carry them too. {@code X-Frame-Options} is left out only
     * where the CSP sent with it (the policy for the request's path) governs framing.
     */
    public void applyTo(HttpServletRequest request, HttpServletResponse response) {
        csp.ifPresent(c -> c.applyTo(request, response));
        security.ifPresent(s -> s.applyTo(request, response, csp.isPresent() && csp.get().coversFraming(request)));
    }

    /** Whether the security headers are on. */
    public boolean securityHeadersOn() {
        return security.isPresent();
    }
}
