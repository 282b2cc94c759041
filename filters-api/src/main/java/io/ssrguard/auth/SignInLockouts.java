package io.ssrguard.auth;

import java.time.Instant;
import java.util.Optional;

/**
 * Password sign-in's protection against guessing, as an administrator sees it: who is
 * locked out until when, and lifting a lockout (a user who called the help desk, an
 * address that turned out to be the office's proxy).
 *
 * <p>Counters live in each node's memory: with several nodes, each counts the attempts it
 * receives (see the authentication docs).
 */
public interface SignInLockouts {

    /**
     * The servlet-context attribute under which the pack publishes the application's
     * instance: {@code (SignInLockouts) context.getAttribute(SignInLockouts.ATTRIBUTE)}.
     * Absent when the protection is switched off.
     */
    String ATTRIBUTE = "io.ssrguard.auth.lockouts";

    /** Until when sign-in for this user name is refused, if it is. */
    Optional<Instant> accountLockedUntil(String username);

    /** Until when sign-in from this client address is refused, if it is. */
    Optional<Instant> addressLockedUntil(String address);

    /**
     * Lifts the user name's lockout and forgets its failures.
     *
     * @return {@code true} if it was locked out
     */
    boolean clearAccount(String username);

    /**
     * Lifts the client address's lockout and forgets its failures.
     *
     * @return {@code true} if it was locked out
     */
    boolean clearAddress(String address);
}
