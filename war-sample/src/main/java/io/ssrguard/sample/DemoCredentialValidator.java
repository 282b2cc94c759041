package io.ssrguard.sample;

import io.ssrguard.auth.Caller;
import io.ssrguard.auth.CredentialValidator;
import java.util.Optional;

/**
 * The same demo users for containers without Jakarta Security (Tomcat):
 * registered in {@code META-INF/services/io.ssrguard.auth.CredentialValidator}.
 */
public class DemoCredentialValidator implements CredentialValidator {

    @Override
    public Optional<Caller> validate(String username, String password) {
        return DemoUsers.verify(username, password).map(groups -> new Caller(username, groups));
    }
}
