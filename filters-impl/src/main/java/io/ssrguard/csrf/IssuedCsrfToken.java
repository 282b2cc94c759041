package io.ssrguard.csrf;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Objects;

/**
 * A client token handed to a browser: the value for the request header, and
 * the {@code Set-Cookie} that stores it in the httpOnly CSRF cookie.
 *
 * @param token      the token, to be echoed in the request header
 * @param headerName the header to echo it in, also used to return it
 * @param setCookie  the {@code Set-Cookie} value, or {@code null} when the request's
 *                   cookie already holds this token
 */
public record IssuedCsrfToken(String token, String headerName, String setCookie) {

    public IssuedCsrfToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(headerName, "headerName");
    }

    /** Whether the response must set the cookie. */
    public boolean newCookie() {
        return setCookie != null;
    }

    /**
     * Puts the token on a response: the cookie when needed and the token in the
     * response header of the same name as the request header.
     *
     * @throws IllegalStateException when a cookie must be set but the response is already committed
     */
    public void applyTo(HttpServletResponse response) {
        if (setCookie != null) {
            if (response.isCommitted()) {
                throw new IllegalStateException("the CSRF cookie cannot be set: the response is already committed;"
                        + " ask for the token before writing the page");
            }
            response.addHeader("Set-Cookie", setCookie);
        }
        response.setHeader(headerName, token);
    }
}
