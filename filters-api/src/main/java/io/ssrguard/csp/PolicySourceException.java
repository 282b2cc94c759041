package io.ssrguard.csp;

/**
 * A {@link PolicySource} could not deliver a policy: unreachable, timed out, an
 * unexpected status, an empty row. The pack keeps the last good policy for a
 * while and then falls back to its strict built-in one. The message goes to the
 * log, so it must not contain secrets such as API tokens.
 */
public class PolicySourceException extends Exception {

    private static final long serialVersionUID = 1L;

    public PolicySourceException(String message) {
        super(message);
    }

    public PolicySourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
