package io.ssrguard.auth;

import java.util.Optional;

/**
 * Checks a user name and password for the pack's login endpoint where the
 * container has no Jakarta Security identity store (Tomcat), or where the
 * application prefers its own check.
 *
 * <p>Register an implementation with the {@link java.util.ServiceLoader} mechanism:
 * a file {@code META-INF/services/io.ssrguard.auth.CredentialValidator} in
 * {@code WEB-INF/classes} naming the class, which needs a public no-argument
 * constructor. Implementations must be thread-safe and should take the same
 * time for unknown users as for wrong passwords.
 */
public interface CredentialValidator {

    /**
     * @return the caller with its groups when the credentials are valid; empty
     *         otherwise, whatever the reason
     */
    Optional<Caller> validate(String username, String password);
}
