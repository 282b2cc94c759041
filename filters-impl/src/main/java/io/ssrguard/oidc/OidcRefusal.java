package io.ssrguard.oidc;

import io.ssrguard.http.BadRequestException;

/**
 * A sign-in step the pack refuses: the status and short error code the client
 * gets, and the reason for the one log line. Never carries tokens or secrets. Unlike other
 * {@link BadRequestException}s it may be a {@code 502} or {@code 503}, when the provider or a
 * store fails.
 */
public final class OidcRefusal extends BadRequestException {

    private static final long serialVersionUID = 1L;

    /**
     * @param status the HTTP status to answer (4xx, or 502/503 when the provider fails)
     * @param code   the error code in the response body
     * @param reason what went wrong, for the log
     */
    public OidcRefusal(int status, String code, String reason) {
        super(status, code, reason);
    }

    public OidcRefusal(int status, String code, String reason, Throwable cause) {
        super(status, code, reason);
        initCause(cause);
    }
}
