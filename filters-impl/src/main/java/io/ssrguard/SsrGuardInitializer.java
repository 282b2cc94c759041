package io.ssrguard;

import io.ssrguard.auth.AuthEndpointServlet;
import io.ssrguard.auth.AuthSettings;
import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.config.SettingsSources;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.time.Clock;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Starts the pack when the application starts: reads and validates the
 * configuration, loads keys, and registers the sign-in endpoints. Any problem
 * stops the deployment with a message that names the setting to fix.
 */
public final class SsrGuardInitializer implements ServletContainerInitializer {

    private static final Logger LOG = Logger.getLogger(SsrGuardInitializer.class.getName());

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        try {
            SettingsReader settings = SettingsSources.forContext(context);
            SsrGuardRuntime runtime = SsrGuardRuntime.start(settings, context.getContextPath(), Clock.systemUTC(),
                    context.getClassLoader());
            runtime.attachTo(context);
            AuthSettings auth = runtime.auth();
            if (auth.enabled()) {
                ServletRegistration.Dynamic endpoints = context.addServlet("ssrguard-auth", new AuthEndpointServlet(runtime));
                endpoints.addMapping(auth.loginPath(), auth.logoutPath(), auth.mePath());
            }
            LOG.info(() -> "SSR Guard started for '" + context.getContextPath() + "' in profile "
                    + settings.profileName() + ": authentication " + (auth.enabled() ? "on" : "off")
                    + ", cookies " + (runtime.cookies().secure() ? "Secure with prefix" : "NOT Secure (dev)")
                    + ", algorithms " + auth.algorithms() + ", sign-in through " + runtime.credentials()
                    + "; features in " + runtime.tiers().describe());
        } catch (SettingsException e) {
            LOG.severe("SSR Guard cannot start, deployment stopped: " + e.getMessage());
            throw e;
        }
    }
}
