package io.ssrguard.oidc;

/**
 * A sign-in step the pack refuses: the status and short error code the client
 * gets, and the reason for the one log line. Never carries tokens or secrets.
 */
public final class OidcRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    /**
     * @param status the HTTP status to answer (4xx, or 502/503 when the provider fails)
     * @param code   the error code in the response body
     * @param reason what went wrong, for the log
     */
    public OidcRefusal(int status, String code, String reason) {
        super(reason);
        this.status = status;
        this.code = code;
    }

    public OidcRefusal(int status, String code, String reason, Throwable cause) {
        super(reason, cause);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
