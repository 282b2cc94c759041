package io.ssrguard;

import io.ssrguard.auth.AuthEndpointServlet;
import io.ssrguard.auth.AuthSettings;
import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.config.SettingsSources;
import io.ssrguard.csp.ContentSecurityPolicyFilter;
import io.ssrguard.csp.CspReportServlet;
import io.ssrguard.csrf.CsrfEndpointServlet;
import io.ssrguard.csrf.CsrfFilter;
import io.ssrguard.keys.KeyProvider;
import io.ssrguard.keys.KeyProviderSettings;
import io.ssrguard.keys.KeyProviders;
import io.ssrguard.oidc.OidcEndpointServlet;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Starts the pack when the application starts: reads and validates the
 * configuration, loads keys, and registers the pack's endpoints. Any problem
 * stops the deployment with a message that names the setting to fix.
 */
public final class SsrGuardInitializer implements ServletContainerInitializer {

    private static final Logger LOG = Logger.getLogger(SsrGuardInitializer.class.getName());

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        SsrGuardRuntime runtime;
        SettingsReader settings;
        Set<String> declaredFilters = declaredFilters(context);
        try {
            Optional<KeyProvider> vault = KeyProviders.registeredIn(context.getClassLoader());
            SettingsReader configured = SettingsSources.forContext(context);
            settings = vault.map(v -> configured.under(new KeyProviderSettings(v))).orElse(configured);
            runtime = SsrGuardRuntime.start(settings, context.getContextPath(), Clock.systemUTC(),
                    context.getClassLoader(), SsrGuardInitializer::lookUpDataSource, declaredFilters, vault);
        } catch (SettingsException e) {
            LOG.severe("SSR Guard cannot start, deployment stopped: " + e.getMessage());
            throw e;
        }
        runtime.attachTo(context);
        context.addListener(new Shutdown(runtime));
        AuthSettings auth = runtime.auth();
        if (auth.enabled()) {
            context.addServlet("ssrguard-auth", new AuthEndpointServlet(auth, runtime.credentials(),
                            runtime.sessions(), runtime.refreshCookies(), runtime.csrf()))
                    .addMapping(auth.loginPath(), auth.refreshPath(), auth.logoutPath(), auth.mePath());
        }
        context.addServlet("ssrguard-csrf", new CsrfEndpointServlet(runtime.csrf()))
                .addMapping(runtime.csrf().settings().endpointPath());
        if (runtime.csp().enabled()) {
            runtime.csp().settings().reportPath().ifPresent(path -> context
                    .addServlet("ssrguard-csp-report", new CspReportServlet(runtime.csp(), Clock.systemUTC()))
                    .addMapping(path));
        }
        runtime.oidc().ifPresent(oidc -> context.addServlet("ssrguard-oidc", new OidcEndpointServlet(oidc,
                        runtime.sessions(), runtime.refreshCookies(), runtime.csrf(), runtime.origins()))
                .addMapping(oidc.settings().loginPath(), oidc.settings().redirectPath(), oidc.settings().logoutPath()));
        warnAboutUndeclaredFilters(runtime, declaredFilters);
        LOG.info(() -> "SSR Guard started for '" + context.getContextPath() + "': authentication "
                + (auth.enabled() ? "on" : "off") + ", cookies "
                + (runtime.cookies().secure() ? "Secure with prefix" : "NOT Secure (dev)")
                + ", algorithms " + auth.algorithms() + ", sign-in through " + runtime.credentials()
                + (runtime.oidc().isPresent() ? " and OpenID Connect" : "")
                + "; features in " + runtime.tiers().describe());
    }

    private static Set<String> declaredFilters(ServletContext context) {
        return context.getFilterRegistrations().values().stream()
                .map(FilterRegistration::getClassName).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    /** A feature that is on but whose filter the application forgot protects nothing: say so loudly. */
    private static void warnAboutUndeclaredFilters(SsrGuardRuntime runtime, Set<String> declared) {
        if (runtime.csrf().settings().enabled() && !declared.contains(CsrfFilter.class.getName())) {
            LOG.warning("SSR Guard: CSRF protection is on in this profile, but " + CsrfFilter.class.getName()
                    + " is not declared in web.xml, so nothing checks CSRF tokens. Declare it, or set ssrguard.csrf.enabled=false.");
        }
        if (runtime.csp().enabled() && !declared.contains(ContentSecurityPolicyFilter.class.getName())) {
            LOG.warning("SSR Guard: CSP is on in this profile, but " + ContentSecurityPolicyFilter.class.getName()
                    + " is not declared in web.xml, so no Content-Security-Policy is sent. Declare it, or set ssrguard.csp.enabled=false.");
        }
    }

    private static DataSource lookUpDataSource(String jndiName) {
        try {
            return (DataSource) new InitialContext().lookup(jndiName);
        } catch (NamingException | ClassCastException e) {
            throw new SettingsException("no DataSource at JNDI name '" + jndiName + "': " + e.getMessage(), e);
        }
    }

    /** Stops the pack's background work with the application. */
    private record Shutdown(SsrGuardRuntime runtime) implements ServletContextListener {
        @Override
        public void contextDestroyed(ServletContextEvent event) {
            runtime.stop();
        }
    }
}
