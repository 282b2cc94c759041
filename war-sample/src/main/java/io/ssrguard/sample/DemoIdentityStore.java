package io.ssrguard.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

/**
 * The application's own Jakarta Security identity store. SSR Guard's login
 * endpoint validates through it; the application writes nothing else for sign-in.
 */
@ApplicationScoped
public class DemoIdentityStore implements IdentityStore {

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential up)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return DemoUsers.verify(up.getCaller(), up.getPasswordAsString())
                .map(groups -> new CredentialValidationResult(up.getCaller(), groups))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
