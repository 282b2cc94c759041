package io.ssrguard.csrf;

import io.ssrguard.http.EndpointServlet;
import io.ssrguard.http.JsonResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /auth/csrf}: sets the httpOnly CSRF cookie and returns the token
 * for the request header, in the body ({@code {"token":…,"headerName":…}}) and
 * in the response header of that name. An SPA calls it once at start and
 * again after a 403 {@code csrf}. The token already in the cookie is returned
 * while it is still good, so several tabs share one token.
 */
public final class CsrfEndpointServlet extends EndpointServlet {

    private static final long serialVersionUID = 1L;

    private final transient CsrfProtection protection;
    private final transient Endpoint endpoint;

    /** @param protection the application's CSRF protection, built at start */
    public CsrfEndpointServlet(CsrfProtection protection) {
        super("CSRF token endpoint");
        this.protection = protection;
        this.endpoint = Endpoint.of("GET", this::issue);
    }

    @Override
    protected Optional<Endpoint> endpoint(String servletPath) {
        return Optional.of(endpoint);
    }

    private void issue(HttpServletRequest request, HttpServletResponse response) throws IOException {
        IssuedCsrfToken issued = protection.issuer().current(protection.cookieValue(request),
                request.getHeader("User-Agent"), CsrfProtection.callerSessionId(request));
        issued.applyTo(response);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", issued.token());
        body.put("headerName", issued.headerName());
        JsonResponses.write(response, HttpServletResponse.SC_OK, body);
    }
}
