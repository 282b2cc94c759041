package io.ssrguard.csrf;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The {@link CsrfTokens} of one request: mints on first use and remembers,
 * so a page that never asks costs nothing and one that asks twice sets the
 * cookie once. Confined to the request's thread, like the request itself.
 */
final class RequestCsrfTokens implements CsrfTokens {

    private final CsrfProtection protection;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private String clientToken;
    private String ssrToken;

    RequestCsrfTokens(CsrfProtection protection, HttpServletRequest request, HttpServletResponse response) {
        this.protection = protection;
        this.request = request;
        this.response = response;
    }

    @Override
    public String getClientToken() {
        if (clientToken == null) {
            IssuedCsrfToken issued = protection.issuer().current(protection.cookieValue(request),
                    request.getHeader("User-Agent"), CsrfProtection.callerSessionId(request));
            issued.applyTo(response);
            clientToken = issued.token();
        }
        return clientToken;
    }

    @Override
    public String getSsrToken() {
        if (ssrToken == null) {
            ssrToken = protection.issuer().ssr(request.getHeader("User-Agent"), CsrfProtection.callerSessionId(request));
        }
        return ssrToken;
    }

    @Override
    public String getHeaderName() {
        return protection.settings().headerName();
    }

    @Override
    public String getFieldName() {
        return protection.settings().fieldName();
    }

    @Override
    public String getSsrHeaderName() {
        return protection.settings().ssrHeaderName();
    }

    @Override
    public String toString() {
        // Pages that print the attribute by mistake must not mint or leak anything.
        return "CsrfTokens[header=" + getHeaderName() + "]";
    }
}
