package io.ssrguard.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** Checks credentials through the application's {@link CredentialValidator}. */
public final class ValidatorCredentialCheck implements CredentialCheck {

    private final CredentialValidator validator;

    public ValidatorCredentialCheck(CredentialValidator validator) {
        this.validator = validator;
    }

    @Override
    public Optional<Caller> check(HttpServletRequest request, String username, String password) {
        return validator.validate(username, password);
    }

    @Override
    public String toString() {
        return "CredentialValidator " + validator.getClass().getName();
    }
}
