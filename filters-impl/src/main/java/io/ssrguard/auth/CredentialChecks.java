package io.ssrguard.auth;

import static io.ssrguard.config.SsrGuardProperties.AUTH_CREDENTIALS;
import static io.ssrguard.config.SsrGuardProperties.AUTH_REALM_ROLES;

import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.config.SettingsSources;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Chooses how the login endpoint checks passwords ({@code ssrguard.auth.credentials}):
 * <ul>
 *   <li>{@code identity-store}: the application's Jakarta Security identity stores (Payara, WildFly);</li>
 *   <li>{@code validator}: the application's {@link CredentialValidator}, found by {@link ServiceLoader};</li>
 *   <li>{@code realm}: the container realm through {@code HttpServletRequest.login} (Tomcat);</li>
 *   <li>{@code auto} (default): the first of these the application and container support.</li>
 * </ul>
 */
public final class CredentialChecks {

    private static final String IDENTITY_STORE_API = "jakarta.security.enterprise.identitystore.IdentityStoreHandler";
    private static final String CDI_API = "jakarta.enterprise.inject.spi.CDI";

    private CredentialChecks() {
    }

    public static CredentialCheck choose(SettingsReader settings, ClassLoader loader, PathConstraints constraints) {
        String mode = settings.string(AUTH_CREDENTIALS, "auto");
        boolean identityStores = SettingsSources.isPresent(IDENTITY_STORE_API, loader) && SettingsSources.isPresent(CDI_API, loader);
        return switch (mode) {
            case "identity-store" -> {
                if (!identityStores) {
                    throw new SettingsException(AUTH_CREDENTIALS + "=identity-store needs Jakarta Security and CDI,"
                            + " which this container lacks; use validator or realm");
                }
                yield new IdentityStoreCredentialCheck();
            }
            case "validator" -> validator(loader).orElseThrow(() -> new SettingsException(AUTH_CREDENTIALS
                    + "=validator but no " + CredentialValidator.class.getName()
                    + " is registered in META-INF/services"));
            case "realm" -> realm(settings, constraints);
            case "auto" -> identityStores ? new IdentityStoreCredentialCheck()
                    : validator(loader).orElseGet(() -> realm(settings, constraints));
            default -> throw new SettingsException(AUTH_CREDENTIALS
                    + " must be auto, identity-store, validator or realm, not '" + mode + "'");
        };
    }

    private static Optional<CredentialCheck> validator(ClassLoader loader) {
        return ServiceLoader.load(CredentialValidator.class, loader).findFirst().map(ValidatorCredentialCheck::new);
    }

    private static CredentialCheck realm(SettingsReader settings, PathConstraints constraints) {
        Set<String> roles = new LinkedHashSet<>(settings.list(AUTH_REALM_ROLES, List.copyOf(constraints.roles())));
        return new RealmCredentialCheck(roles);
    }
}
