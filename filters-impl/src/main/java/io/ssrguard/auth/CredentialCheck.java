package io.ssrguard.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Checks a user name and password against whatever the container or the
 * application uses to store users. One implementation per way of doing it.
 */
public interface CredentialCheck {

    /** The caller when the credentials are valid; empty otherwise, whatever the reason. */
    Optional<Caller> check(HttpServletRequest request, String username, String password);
}
