package io.ssrguard.auth;

/**
 * A presented access token failed verification. The message is for the log (it
 * never holds the token); clients only ever see a uniform 401.
 */
public class InvalidAccessTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidAccessTokenException(String reason) {
        super(reason);
    }

    public InvalidAccessTokenException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
