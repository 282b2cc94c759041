package io.ssrguard.auth;

import static io.ssrguard.config.SsrGuardProperties.AUTH_ADAPTER;
import static io.ssrguard.config.SsrGuardProperties.AUTH_ENABLED;

import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.config.SettingsSources;
import io.ssrguard.keys.KeyProviderSettings;
import io.ssrguard.keys.KeyProviders;
import io.ssrguard.tiers.EnvironmentTiers;
import io.ssrguard.tiers.Feature;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Removes the authentication mechanism when {@code ssrguard.auth.enabled=false},
 * so that the container's own mechanism (or none) applies instead, and when
 * {@code ssrguard.auth.adapter=filter}, so that {@link AuthFilter} authenticates
 * alone, as on Tomcat: any installed mechanism costs Payara and WildFly a large
 * share of their throughput, even one that does nothing (docs/performance.md).
 *
 * <p>It decides at CDI bootstrap, before the servlet context exists, so it reads
 * the layers that exist then: MicroProfile Config under the application's key
 * provider, parsed as strictly as at start ({@code flase} stops the deployment).
 * {@code web.xml} cannot be read yet; the decision is kept so that the start of
 * the pack can refuse a {@code web.xml} that says otherwise
 * ({@link AuthMechanismDecision}).
 */
public class AuthMechanismSwitch implements Extension {

    private static final Logger LOG = Logger.getLogger(AuthMechanismSwitch.class.getName());

    void vetoWhenDisabled(@Observes ProcessAnnotatedType<CookieAuthenticationMechanism> type) {
        ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .orElse(AuthMechanismSwitch.class.getClassLoader());
        boolean enabled;
        AuthAdapter adapter;
        try {
            SettingsReader settings = KeyProviderSettings.over(SettingsSources.beforeServletContext(loader),
                    KeyProviders.registeredIn(loader));
            enabled = EnvironmentTiers.switchOf(settings, Feature.AUTH).enabled();
            adapter = AuthAdapter.of(settings);
        } catch (SettingsException e) {
            LOG.severe("SSR Guard cannot start, deployment stopped: " + e.getMessage());
            throw e;
        }
        AuthMechanismDecision.record(enabled, adapter);
        if (!enabled) {
            LOG.info(AUTH_ENABLED + "=false: the SSR Guard authentication mechanism is not installed");
            type.veto();
        } else if (adapter == AuthAdapter.FILTER) {
            LOG.info(AUTH_ADAPTER + "=filter: the SSR Guard authentication mechanism is not installed,"
                    + " AuthFilter authenticates");
            type.veto();
        }
    }
}
