package io.ssrguard.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * Fired (as a CDI event where the container has CDI) when failed password sign-ins lock a
 * user name or a client address out; the pack also logs one WARNING line.
 *
 * @param kind     what is locked out
 * @param subject  the user name (as typed, lower-cased) or the client address
 * @param failures the failures that caused it
 * @param until    when sign-in is accepted again
 */
public record SignInLockedOut(Kind kind, String subject, int failures, Instant until) {

    /** What a lockout applies to. */
    public enum Kind { ACCOUNT, ADDRESS }

    public SignInLockedOut {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(until, "until");
    }
}
