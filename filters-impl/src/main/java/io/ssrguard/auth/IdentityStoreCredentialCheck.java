package io.ssrguard.auth;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Checks credentials through the application's own Jakarta Security
 * {@code IdentityStore}s, via the container's {@link IdentityStoreHandler}: an
 * application that already has an identity store needs nothing new.
 */
public final class IdentityStoreCredentialCheck implements CredentialCheck {

    @Override
    public String toString() {
        return "Jakarta Security identity stores";
    }

    @Override
    public Optional<Caller> check(HttpServletRequest request, String username, String password) {
        IdentityStoreHandler handler = CDI.current().select(IdentityStoreHandler.class).get();
        CredentialValidationResult result = handler.validate(new UsernamePasswordCredential(username, password));
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return Optional.empty();
        }
        return Optional.of(new Caller(result.getCallerPrincipal().getName(), result.getCallerGroups()));
    }
}
