package io.ssrguard.auth;

import java.time.Duration;

/**
 * A sign-in attempt refused because its user name or client address is locked out:
 * answered {@code 429 {"error":"too_many_attempts"}} with {@code Retry-After}.
 */
public final class TooManyAttemptsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public TooManyAttemptsException(Duration retryAfter, String message) {
        super(message, null, false, false);
        // Whole seconds, rounded up: a client that waits this long is never refused for being early.
        this.retryAfterSeconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    /** The value of the {@code Retry-After} header. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
