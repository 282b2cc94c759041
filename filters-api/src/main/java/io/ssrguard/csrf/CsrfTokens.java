package io.ssrguard.csrf;

/**
 * CSRF tokens for the current request, minted on first use: a page that never
 * asks costs nothing. Found under {@link CsrfAttributes#TOKENS}. Getter names
 * follow bean conventions so that Expression Language can read them.
 */
public interface CsrfTokens {

    /**
     * The client token to send back in the header named by {@link #getHeaderName()}
     * (embed it in a {@code <meta>} tag or a form field). When the request's CSRF
     * cookie does not already hold a usable token for this caller, a new one is
     * minted and its cookie is added to the response, so call this before the
     * response is committed. Repeated calls return the same token.
     *
     * @throws IllegalStateException when a new cookie is needed but the response is already committed
     */
    String getClientToken();

    /**
     * A short-lived SSR bypass token bound to this request's User-Agent and login
     * session, for a renderer in the same application that calls the
     * application's own API. Send it in the header named by
     * {@link #getSsrHeaderName()}; never send it to a browser.
     */
    String getSsrToken();

    /** The request header that carries the client token, {@code X-XSRF-TOKEN} by default. */
    String getHeaderName();

    /**
     * The form field that carries the client token in a plain HTML form post, {@code _csrf} by
     * default: {@code <input type="hidden" name="${tokens.fieldName}" value="${tokens.clientToken}">}.
     */
    String getFieldName();

    /** The request header that carries an SSR bypass token, {@code X-SSR-CSRF} by default. */
    String getSsrHeaderName();
}
