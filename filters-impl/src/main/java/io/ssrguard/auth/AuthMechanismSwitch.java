package io.ssrguard.auth;

import static io.ssrguard.config.SsrGuardProperties.AUTH_ENABLED;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Removes the authentication mechanism when {@code ssrguard.auth.enabled=false},
 * so that the container's own mechanism (or none) applies instead.
 */
public class AuthMechanismSwitch implements Extension {

    private static final Logger LOG = Logger.getLogger(AuthMechanismSwitch.class.getName());

    void vetoWhenDisabled(@Observes ProcessAnnotatedType<CookieAuthenticationMechanism> type) {
        boolean enabled = ConfigProvider.getConfig().getOptionalValue(AUTH_ENABLED, Boolean.class).orElse(true);
        if (!enabled) {
            LOG.info(AUTH_ENABLED + "=false: the SSR Guard authentication mechanism is not installed");
            type.veto();
        }
    }
}
