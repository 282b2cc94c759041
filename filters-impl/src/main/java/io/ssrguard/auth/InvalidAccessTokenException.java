package io.ssrguard.auth;

/**
 * A presented access token failed verification. The message is for the log (it
 * never holds the token); clients only ever see a uniform 401.
 */
public class InvalidAccessTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean expired;

    public InvalidAccessTokenException(String reason) {
        this(reason, false);
    }

    private InvalidAccessTokenException(String reason, boolean expired) {
        super(reason);
        this.expired = expired;
    }

    /** A token that was valid but whose {@code exp} has passed: the one case a refresh cookie may repair. */
    public static InvalidAccessTokenException expired() {
        return new InvalidAccessTokenException("expired token", true);
    }

    public boolean isExpired() {
        return expired;
    }

    public InvalidAccessTokenException(String reason, Throwable cause) {
        super(reason, cause);
        this.expired = false;
    }
}
