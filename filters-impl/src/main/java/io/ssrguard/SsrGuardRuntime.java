package io.ssrguard;

import io.ssrguard.auth.AccessCookies;
import io.ssrguard.auth.AccessTokenCodec;
import io.ssrguard.auth.CachingTokenVerifier;
import io.ssrguard.auth.VerifiedTokenCache;
import io.ssrguard.auth.AuthFilter;
import io.ssrguard.auth.AuthSettings;
import io.ssrguard.auth.BearerOnlyRule;
import io.ssrguard.auth.CookieAuthenticator;
import io.ssrguard.auth.CredentialCheck;
import io.ssrguard.auth.CredentialChecks;
import io.ssrguard.auth.PathConstraints;
import io.ssrguard.auth.RequestAuthentication;
import io.ssrguard.auth.SignInSessions;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.config.SsrGuardProperties;
import io.ssrguard.cookies.CookieRules;
import io.ssrguard.csp.ContentSecurityPolicyFilter;
import io.ssrguard.csp.CspProtection;
import io.ssrguard.csrf.CsrfProtection;
import io.ssrguard.gate.GateSettings;
import io.ssrguard.gate.SiteGate;
import io.ssrguard.guard.GuardSettings;
import io.ssrguard.guard.InternalGuard;
import io.ssrguard.headers.ResponseHeaders;
import io.ssrguard.headers.SecurityHeaders;
import io.ssrguard.http.OriginResolver;
import io.ssrguard.keys.ConfiguredKeyProvider;
import io.ssrguard.keys.JwkKeys;
import io.ssrguard.keys.KeyProvider;
import io.ssrguard.oidc.BackChannelCsrfExemption;
import io.ssrguard.oidc.InMemoryProviderSessions;
import io.ssrguard.oidc.JdbcProviderSessions;
import io.ssrguard.oidc.OidcSettings;
import io.ssrguard.oidc.OidcSignIn;
import io.ssrguard.oidc.ProviderSessions;
import io.ssrguard.refresh.CdiEventSink;
import io.ssrguard.refresh.InMemoryRefreshTokenStore;
import io.ssrguard.refresh.JdbcRefreshTokenStore;
import io.ssrguard.refresh.MemoryStoreLimits;
import io.ssrguard.refresh.RefreshCookies;
import io.ssrguard.refresh.RefreshEventPublisher;
import io.ssrguard.refresh.RefreshFamilies;
import io.ssrguard.refresh.RefreshFamilyRevoked;
import io.ssrguard.refresh.RefreshSecurityEvent;
import io.ssrguard.refresh.RefreshSettings;
import io.ssrguard.refresh.RefreshStoreUnavailableException;
import io.ssrguard.refresh.RefreshTokenService;
import io.ssrguard.refresh.RefreshTokenStore;
import io.ssrguard.refresh.StoredRefreshFamilies;
import io.ssrguard.tiers.EnvironmentTiers;
import io.ssrguard.tiers.Feature;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The composition root: everything the pack builds at start for one
 * application, once — validated settings, keys, and the cores built from them.
 * It holds no request behaviour and is never looked up per request:
 * {@link #attachTo} publishes each feature's collaborators in the servlet
 * context under keys the features own, where each adapter (filter, mechanism)
 * finds them once at its start; the endpoint servlets get theirs by constructor.
 * A feature that is off is published as its off object (a gate that admits
 * everything, a guard that guards nothing, headers that set nothing), so a
 * missing attribute means one thing only: the pack did not start.
 *
 * @param tiers          which features are on in this environment
 * @param auth           authentication settings
 * @param cookies        the cookie rules
 * @param credentials    how sign-in checks passwords
 * @param authentication who is calling, for the mechanism and the plain-filter adapter
 * @param constraints    access rules the plain-filter adapter enforces
 * @param refreshCookies where refresh tokens live in cookies
 * @param sessions       sign-in, refresh and sign-out as cookies
 * @param families       the application's view of its users' refresh families
 * @param origins        this site's origins, behind proxies too
 * @param csrf           CSRF and SSR tokens (its settings say whether the filter checks)
 * @param csp            Content-Security-Policy (its settings say whether it is on)
 * @param headers        the security headers and, when the CSP filter is declared, the CSP
 * @param gate           the site gate, an off one when the feature is off
 * @param guard          the internal endpoint guard, an off one when the feature is off
 * @param oidc           OpenID Connect sign-in, when on
 * @param background     the daemon scheduler for the pack's background work
 */
public record SsrGuardRuntime(
        EnvironmentTiers tiers,
        AuthSettings auth,
        CookieRules cookies,
        CredentialCheck credentials,
        RequestAuthentication authentication,
        PathConstraints constraints,
        RefreshCookies refreshCookies,
        SignInSessions sessions,
        StoredRefreshFamilies families,
        OriginResolver origins,
        CsrfProtection csrf,
        CspProtection csp,
        ResponseHeaders headers,
        SiteGate gate,
        InternalGuard guard,
        Optional<OidcSignIn> oidc,
        ScheduledExecutorService background) {

    private static final Logger LOG = Logger.getLogger(SsrGuardRuntime.class.getName());

    /**
     * Builds the runtime from settings; throws {@code SettingsException} naming
     * the bad setting. Parts that start background work (CSP refresh, OIDC
     * discovery) come last, so that a bad setting found earlier leaves nothing running.
     *
     * @param dataSources     looks a DataSource up by JNDI name, for the database-backed parts
     * @param declaredFilters class names of the filters the application declared
     * @param vault           the application's own key provider, if it registered one
     */
    public static SsrGuardRuntime start(SettingsReader settings, String contextPath, Clock clock,
                                        ClassLoader applicationClassLoader, Function<String, DataSource> dataSources,
                                        Set<String> declaredFilters, Optional<KeyProvider> vault) {
        EnvironmentTiers tiers = EnvironmentTiers.load(settings);
        MissingSecrets.check(settings, tiers, vault.isPresent());
        AuthSettings auth = AuthSettings.load(settings);
        PathConstraints constraints = PathConstraints.parse(settings.list(SsrGuardProperties.AUTH_CONSTRAINTS, List.of()));
        CredentialCheck credentials = CredentialChecks.choose(settings, applicationClassLoader, constraints);
        CookieRules cookies = CookieRules.load(settings, contextPath);
        KeyProvider keys = vault.isPresent() ? checked(vault.get()) : ConfiguredKeyProvider.load(settings);
        AccessTokenCodec codec = new AccessTokenCodec(keys, auth, clock);
        AccessCookies accessCookies = new AccessCookies(auth, cookies);
        SecureRandom random = new SecureRandom();
        RefreshSettings refreshSettings = RefreshSettings.load(settings, random);
        RefreshCookies refreshCookies = RefreshCookies.load(settings, cookies, clock);
        OidcSettings oidcSettings = OidcSettings.load(settings);
        boolean jdbc = refreshSettings.store() == RefreshSettings.StoreType.JDBC;
        DataSource refreshDataSource = jdbc ? dataSources.apply(refreshSettings.dataSource()) : null;
        MemoryStoreLimits memoryLimits = jdbc ? null : MemoryStoreLimits.load(settings);
        RefreshTokenStore store = jdbc
                ? new JdbcRefreshTokenStore(refreshDataSource, refreshSettings.tablePrefix(),
                        refreshSettings.createSchema())
                : new InMemoryRefreshTokenStore(memoryLimits);
        // Beside the refresh families, in the same place: every node must find what another recorded.
        ProviderSessions providerSessions = jdbc
                ? new JdbcProviderSessions(refreshDataSource, refreshSettings.tablePrefix(),
                        refreshSettings.createSchema())
                : new InMemoryProviderSessions(2 * memoryLimits.maxFamilies(), clock);
        VerifiedTokenCache tokenCache = VerifiedTokenCache.load(settings, auth.clockSkew(), clock);
        Consumer<RefreshSecurityEvent> cdi = CdiEventSink.forApplication(applicationClassLoader);
        RefreshEventPublisher events = new RefreshEventPublisher(event -> {
            if (event instanceof RefreshFamilyRevoked revoked) {
                tokenCache.evictSession(revoked.familyId());
            }
            cdi.accept(event);
        });
        StoredRefreshFamilies families = new StoredRefreshFamilies(store, events, clock);
        RefreshTokenService refresh = new RefreshTokenService(store, families, events, refreshSettings, clock, random);
        SignInSessions sessions = new SignInSessions(codec, accessCookies, refresh, refreshCookies);
        InternalGuard guard = tiers.enabled(Feature.GUARD)
                ? new InternalGuard(GuardSettings.load(settings, true))
                : InternalGuard.off();
        OriginResolver origins = OriginResolver.load(settings);
        List<String> sessionCookies = new ArrayList<>(accessCookies.baseNames());
        sessionCookies.add(refreshCookies.baseName());
        List<String> sessionCookieNames = sessionCookies.stream().map(cookies::name).toList();
        CachingTokenVerifier verifier = new CachingTokenVerifier(codec, tokenCache);
        Set<String> sessionEndpoints = new LinkedHashSet<>(List.of(auth.loginPath(), auth.refreshPath(), auth.logoutPath()));
        if (oidcSettings.enabled()) {
            sessionEndpoints.addAll(List.of(oidcSettings.loginPath(), oidcSettings.redirectPath(), oidcSettings.logoutPath()));
        }
        BearerOnlyRule bearer = new BearerOnlyRule(auth.enabled() && auth.bearerEnabled(), verifier,
                sessionCookieNames, sessionEndpoints);
        RequestAuthentication authentication = new RequestAuthentication(auth.enabled(), bearer,
                new CookieAuthenticator(accessCookies, verifier, refreshCookies, sessions),
                Set.of(auth.refreshPath(), auth.logoutPath()));
        // Requests without an ambient credential need no CSRF token: bearer-only ones, and the provider's
        // cookieless back-channel logout POST (its authority is the signed logout token in its body).
        Predicate<HttpServletRequest> noAmbientCredential = oidcSettings.enabled()
                ? new BackChannelCsrfExemption(oidcSettings.backChannelLogoutPath()).or(bearer::isBearerOnly)
                : bearer::isBearerOnly;
        CsrfProtection csrf = CsrfProtection.start(settings, cookies, origins, noAmbientCredential,
                Set.of(auth.refreshPath(), auth.logoutPath()), clock, random);
        ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "ssrguard-background");
            t.setDaemon(true);
            return t;
        });
        CspProtection csp;
        Optional<OidcSignIn> oidc;
        try {
            csp = CspProtection.start(settings, contextPath, clock, dataSources, background);
            Duration longestFamily = refreshSettings.rememberMeLifetime().compareTo(refreshSettings.lifetime()) > 0
                    ? refreshSettings.rememberMeLifetime() : refreshSettings.lifetime();
            oidc = OidcSignIn.start(oidcSettings, settings, cookies, sessions, providerSessions, longestFamily,
                    families, clock, random, background);
        } catch (RuntimeException e) {
            background.shutdownNow();
            throw e;
        }
        long purgeSeconds = refreshSettings.purgeInterval().toSeconds();
        background.scheduleWithFixedDelay(() -> purge(store, clock), purgeSeconds, purgeSeconds, TimeUnit.SECONDS);
        if (oidc.isPresent()) {
            background.scheduleWithFixedDelay(() -> purge(providerSessions, clock), purgeSeconds, purgeSeconds,
                    TimeUnit.SECONDS);
        }
        try {
            Set<String> packPaths = new LinkedHashSet<>(List.of(auth.loginPath(), auth.refreshPath(), auth.logoutPath(),
                    auth.mePath(), csrf.settings().endpointPath()));
            csp.settings().reportPath().ifPresent(packPaths::add);
            String signIn = "/login";
            if (oidc.isPresent()) {
                OidcSettings o = oidc.get().settings();
                packPaths.addAll(List.of(o.loginPath(), o.redirectPath(), o.logoutPath(), o.backChannelLogoutPath()));
                // Behind the gate, a site that signs in through a provider sends visitors straight there.
                signIn = o.loginPath();
            }
            SiteGate gate = tiers.enabled(Feature.GATE)
                    ? new SiteGate(GateSettings.load(settings, packPaths, signIn))
                    : SiteGate.off();
            Optional<SecurityHeaders> securityHeaders = tiers.enabled(Feature.HEADERS)
                    ? Optional.of(SecurityHeaders.load(settings, origins))
                    : Optional.empty();
            boolean cspDeclared = declaredFilters.contains(ContentSecurityPolicyFilter.class.getName());
            ResponseHeaders headers = new ResponseHeaders(securityHeaders,
                    cspDeclared ? Optional.of(csp) : Optional.empty());
            return new SsrGuardRuntime(tiers, auth, cookies, credentials, authentication, constraints, refreshCookies,
                    sessions, families, origins, csrf, csp, headers, gate, guard, oidc, background);
        } catch (RuntimeException e) {
            // A setting found bad after the background work started: stop it, the deployment fails.
            csp.stop();
            background.shutdownNow();
            throw e;
        }
    }

    /**
     * Publishes each feature's collaborators in the servlet context, under the
     * keys the features own, for the adapters to find at their start.
     */
    public void attachTo(ServletContext context) {
        context.setAttribute(RequestAuthentication.ATTRIBUTE, authentication);
        context.setAttribute(AuthFilter.CONSTRAINTS, constraints);
        context.setAttribute(ResponseHeaders.ATTRIBUTE, headers);
        context.setAttribute(SiteGate.ATTRIBUTE, gate);
        context.setAttribute(InternalGuard.ATTRIBUTE, guard);
        context.setAttribute(RefreshFamilies.ATTRIBUTE, families);
        csrf.attachTo(context);
        csp.attachTo(context);
    }

    /** Stops background work; called when the application stops. */
    public void stop() {
        csp.stop();
        background.shutdownNow();
    }

    /** Holds an application's key provider to the same strength rules as configured keys. */
    private static KeyProvider checked(KeyProvider vault) {
        String source = vault.getClass().getName();
        vault.verificationKeys().forEach(k -> JwkKeys.toTokenKey(JwkKeys.toVerificationJwk(k), source));
        JwkKeys.toTokenKey(JwkKeys.toVerificationJwk(vault.signingKey()), source);
        return vault;
    }

    private static void purge(ProviderSessions sessions, Clock clock) {
        try {
            int purged = sessions.purge(clock.instant());
            LOG.fine(() -> "purged " + purged + " expired OIDC provider sessions");
        } catch (RuntimeException e) {
            LOG.warning("SSR Guard: OIDC provider-session purge failed: " + e.getMessage());
        }
    }

    private static void purge(RefreshTokenStore store, Clock clock) {
        try {
            int purged = store.purge(clock.instant());
            LOG.fine(() -> "purged " + purged + " expired or revoked refresh-token rows");
        } catch (RuntimeException e) {
            // A failed purge is retried at the next interval; it must not kill the scheduler.
            LOG.warning("SSR Guard: refresh-token purge failed: " + e.getMessage());
        }
    }
}
