package io.ssrguard.csp;

/**
 * A policy text is not one the pack will send: unknown directive, control
 * character, too long, empty. The message says what is wrong for the log; it
 * quotes at most a short, sanitised piece of the offending text.
 */
public class InvalidPolicyException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidPolicyException(String message) {
        super(message);
    }
}
