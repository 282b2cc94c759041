package io.ssrguard;

import io.ssrguard.auth.AuthEndpointServlet;
import io.ssrguard.auth.AuthMechanismDecision;
import io.ssrguard.auth.AuthSettings;
import io.ssrguard.auth.FilterAdapterCheck;
import io.ssrguard.auth.RefusalServlet;
import io.ssrguard.auth.RequestRateLimit;
import io.ssrguard.auth.WildFlyJaspiCheck;
import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.config.SettingsSources;
import io.ssrguard.config.SsrGuardProperties;
import io.ssrguard.csp.ContentSecurityPolicyFilter;
import io.ssrguard.csp.CspReportServlet;
import io.ssrguard.csp.CspReportSummaryServlet;
import io.ssrguard.csp.TokenBucket;
import io.ssrguard.csrf.CsrfEndpointServlet;
import io.ssrguard.csrf.CsrfFilter;
import io.ssrguard.keys.KeyProvider;
import io.ssrguard.keys.KeyProviderSettings;
import io.ssrguard.keys.KeyProviders;
import io.ssrguard.oidc.BackChannelLogoutServlet;
import io.ssrguard.oidc.OidcEndpointServlet;
import io.ssrguard.passkeys.PasskeyEndpointServlet;
import io.ssrguard.passkeys.PasskeyPaths;
import io.ssrguard.passkeys.PasskeySettings;
import io.ssrguard.signin.SignInPageServlet;
import io.ssrguard.signin.SignInSettings;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
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
            settings = KeyProviderSettings.over(configured, vault);
            AuthSettings authSettings = AuthSettings.load(settings);
            AuthMechanismDecision.requireAgreement(authSettings);
            FilterAdapterCheck.require(authSettings, declaredFilters, webXml(context));
            if (authSettings.mechanismWanted()) {
                // Integrated JASPI only gets in the way of a mechanism: the filter mode needs no WildFly setting.
                WildFlyJaspiCheck.require(context);
            }
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
            SignInSettings signIn = runtime.signIn();
            ServletRegistration.Dynamic endpoints = addAsyncServlet(context, "ssrguard-auth",
                    new AuthEndpointServlet(auth, runtime.credentials(), runtime.sessions(), runtime.refreshCookies(),
                            runtime.csrf(), runtime.redirects()));
            endpoints.addMapping(auth.refreshPath(), auth.logoutPath(), auth.mePath());
            if (signIn.passwordEnabled()) {
                // Unmapped when off, so the login path answers exactly what any unknown path answers.
                endpoints.addMapping(auth.loginPath());
            }
            runtime.passkeys().ifPresent(passkeys -> addAsyncServlet(context, "ssrguard-passkeys",
                    new PasskeyEndpointServlet(passkeys, passkeys.settings(), runtime.sessions(), runtime.csrf(),
                            runtime.origins(), runtime.cookies(), auth.bodyTimeout(), runtime.throttle(),
                            passkeyRequests(passkeys.settings()), Clock.systemUTC()))
                    .addMapping(PasskeyPaths.ALL.toArray(String[]::new)));
            addAsyncServlet(context, "ssrguard-sign-in", new SignInPageServlet(signIn,
                    signIn.passwordEnabled() ? Optional.of(auth.loginPath()) : Optional.empty(),
                    runtime.oidc().map(o -> o.settings().loginPath()),
                    runtime.passkeys().map(p -> PasskeyPaths.BASE)))
                    .addMapping(signIn.page(), signIn.stylesheet(), signIn.script());
        }
        // The 401 and 403 error page the pack's web-fragment.xml declares: the same refusal on every container.
        addAsyncServlet(context, "ssrguard-refused", new RefusalServlet(runtime.refusals()))
                .addMapping(RefusalServlet.PATH);
        addAsyncServlet(context, "ssrguard-csrf", new CsrfEndpointServlet(runtime.csrf()))
                .addMapping(runtime.csrf().settings().endpointPath());
        runtime.csp().settings().ifPresent(csp -> {
            csp.reportPath().ifPresent(path -> addAsyncServlet(context,
                    "ssrguard-csp-report", new CspReportServlet(runtime.csp(), Clock.systemUTC()))
                    .addMapping(path));
            // The summary is an operator endpoint: it exists only where the guard is on to keep it closed.
            csp.reportSummaryPath().filter(path -> runtime.guard().enabled()).ifPresent(path ->
                    addAsyncServlet(context, "ssrguard-csp-report-summary",
                            new CspReportSummaryServlet(runtime.csp().violations(), runtime.guard())).addMapping(path));
        });
        runtime.oidc().ifPresent(oidc -> addAsyncServlet(context, "ssrguard-oidc", new OidcEndpointServlet(oidc,
                        runtime.sessions(), runtime.refreshCookies(), runtime.csrf(), runtime.origins(),
                        runtime.redirects()))
                .addMapping(oidc.settings().loginPath(), oidc.settings().redirectPath(), oidc.settings().logoutPath()));
        runtime.oidc().ifPresent(oidc -> addAsyncServlet(context, "ssrguard-oidc-backchannel-logout",
                new BackChannelLogoutServlet(oidc.backChannelLogout(),
                        new TokenBucket(oidc.settings().backChannelLogoutRateLimit(), Clock.systemUTC()),
                        auth.bodyTimeout()))
                .addMapping(oidc.settings().backChannelLogoutPath()));
        warnAboutUndeclaredFilters(runtime, declaredFilters);
        warnAboutFiltersWithoutAsync(context);
        LOG.info(() -> "SSR Guard started for '" + context.getContextPath() + "': authentication "
                + (auth.enabled() ? "on" : "off") + ", cookies "
                + (runtime.cookies().secure() ? "Secure with prefix" : "NOT Secure (dev)")
                + ", algorithms " + auth.algorithms() + ", sign-in "
                + (runtime.signIn().passwordEnabled() ? "through " + runtime.credentials() : "without passwords")
                + (runtime.oidc().isPresent() ? " and OpenID Connect" : "")
                + "; features in " + runtime.tiers().describe());
    }

    /**
     * The limit of passkey ceremony requests per client address, per node like the guessing protection,
     * tracking as many addresses as it does by default.
     */
    private static RequestRateLimit passkeyRequests(PasskeySettings settings) {
        return new RequestRateLimit("passkey ceremony requests", settings.requestsPerMinute(), Duration.ofMinutes(1),
                100_000, Clock.systemUTC());
    }

    /**
     * Registers one of the pack's servlets as async-supported, like each of its filters: one
     * servlet or filter without it in a chain makes an asynchronous request through it fail.
     */
    private static ServletRegistration.Dynamic addAsyncServlet(ServletContext context, String name, Servlet servlet) {
        ServletRegistration.Dynamic registration = context.addServlet(name, servlet);
        registration.setAsyncSupported(true);
        return registration;
    }

    private static Set<String> declaredFilters(ServletContext context) {
        return context.getFilterRegistrations().values().stream()
                .map(FilterRegistration::getClassName).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    /** The application's {@code web.xml}, empty when it has none or it cannot be read. */
    private static String webXml(ServletContext context) {
        try (InputStream in = context.getResourceAsStream("/WEB-INF/web.xml")) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.fine(() -> "SSR Guard: web.xml not read: " + e.getMessage());
            return "";
        }
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

    /** A pack filter without async support breaks every async servlet behind it, with nothing in the log: say so. */
    private static void warnAboutFiltersWithoutAsync(ServletContext context) {
        try (InputStream webXml = context.getResourceAsStream("/WEB-INF/web.xml")) {
            if (webXml == null) {
                return;
            }
            for (WebXmlAsyncCheck.SyncFilter f : WebXmlAsyncCheck.filtersWithoutAsync(webXml)) {
                LOG.warning("SSR Guard: filter '" + f.name() + "' (" + f.className() + ") is declared in web.xml"
                        + " without async support, so every asynchronous servlet behind it (server-sent events,"
                        + " async JAX-RS) answers 500. Add <async-supported>true</async-supported> right after its"
                        + " <filter-class>.");
            }
        } catch (IOException e) {
            LOG.fine(() -> "SSR Guard: web.xml not checked for async support: " + e.getMessage());
        }
    }

    private static DataSource lookUpDataSource(String jndiName) {
        try {
            return (DataSource) new InitialContext().lookup(jndiName);
        } catch (NamingException | ClassCastException e) {
            // Called for the refresh-token store and the CSP's jdbc source: name both settings (the CSP adds its own).
            throw new SettingsException("no DataSource at JNDI name '" + jndiName + "' (" + e.getMessage() + "); set "
                    + SsrGuardProperties.REFRESH_DATASOURCE + " (refresh-token store, " + SsrGuardProperties.REFRESH_STORE
                    + "=jdbc) or " + SsrGuardProperties.CSP_JDBC_DATASOURCE + " (CSP jdbc source) to a DataSource this"
                    + " container defines (Tomcat has none by default: declare one as a <Resource> in the WAR's"
                    + " META-INF/context.xml; docs/operations.md, Databases and connection pools), or use " + SsrGuardProperties.REFRESH_STORE
                    + "=memory on a single node", e);
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
