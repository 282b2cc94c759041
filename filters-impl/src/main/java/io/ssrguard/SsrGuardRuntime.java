package io.ssrguard;

import io.ssrguard.auth.SignInLockedOut;
import io.ssrguard.auth.SignInLockouts;
import io.ssrguard.auth.SignInThrottle;
import io.ssrguard.auth.ThrottleSettings;
import io.ssrguard.auth.ThrottledCredentialCheck;
import io.ssrguard.auth.AccessCookies;
import io.ssrguard.auth.AccessRefusals;
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
import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.config.SsrGuardProperties;
import io.ssrguard.cookies.CookieRules;
import io.ssrguard.csp.ContentSecurityPolicyFilter;
import io.ssrguard.csp.CspProtection;
import io.ssrguard.csp.CspSettings;
import io.ssrguard.csrf.CsrfProtection;
import io.ssrguard.gate.GateSettings;
import io.ssrguard.gate.SiteGate;
import io.ssrguard.faces.FacesSettings;
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
import io.ssrguard.passkeys.PasskeyCeremonies;
import io.ssrguard.passkeys.PasskeyPaths;
import io.ssrguard.passkeys.PasskeySettings;
import io.ssrguard.oidc.OidcSignIn;
import io.ssrguard.oidc.ProviderSessions;
import io.ssrguard.refresh.CdiEventSink;
import io.ssrguard.refresh.EndedFamilies;
import io.ssrguard.refresh.EndedFamiliesPoller;
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
import io.ssrguard.refresh.RefreshTokenStores;
import io.ssrguard.refresh.StoredRefreshFamilies;
import io.ssrguard.signin.BrowserRedirects;
import io.ssrguard.signin.SignInSettings;
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
 * @param signIn         the sign-in page, password sign-in on or off, where browsers go to sign in
 * @param redirects      where form posts and refused OpenID Connect navigations send the browser
 * @param cookies        the cookie rules
 * @param credentials    how sign-in checks passwords
 * @param authentication who is calling, for the mechanism and the plain-filter adapter
 * @param constraints    access rules the plain-filter adapter enforces
 * @param refusals       how constrained resources refuse: sign-in redirect, 401, 403 pages
 * @param refreshCookies where refresh tokens live in cookies
 * @param sessions       sign-in, refresh and sign-out as cookies
 * @param families       the application's view of its users' refresh families
 * @param origins        this site's origins, behind proxies too
 * @param csrf           CSRF and SSR tokens (its settings say whether the filter checks)
 * @param csp            Content-Security-Policy (without settings when it is off)
 * @param headers        the security headers and, when the CSP filter is declared, the CSP
 * @param gate           the site gate, an off one when the feature is off
 * @param guard          the internal endpoint guard, an off one when the feature is off
 * @param faces          the pack's part in Jakarta Faces rendering, read only where Faces runs
 * @param oidc           OpenID Connect sign-in, when on
 * @param throttle       guessing protection of password sign-in, when on
 * @param passkeys       passkey registration and sign-in, when on
 * @param background     the daemon scheduler for the pack's background work
 * @param revocationPoll the daemon scheduler that only reads the store's log of ended families, so that
 *                       no slow provider or purge on {@code background} stretches the revocation bound
 */
public record SsrGuardRuntime(
        EnvironmentTiers tiers,
        AuthSettings auth,
        SignInSettings signIn,
        BrowserRedirects redirects,
        CookieRules cookies,
        CredentialCheck credentials,
        RequestAuthentication authentication,
        PathConstraints constraints,
        AccessRefusals refusals,
        RefreshCookies refreshCookies,
        SignInSessions sessions,
        StoredRefreshFamilies families,
        OriginResolver origins,
        CsrfProtection csrf,
        CspProtection csp,
        ResponseHeaders headers,
        SiteGate gate,
        InternalGuard guard,
        FacesSettings faces,
        Optional<OidcSignIn> oidc,
        Optional<SignInThrottle> throttle,
        Optional<PasskeyCeremonies> passkeys,
        ScheduledExecutorService background,
        ScheduledExecutorService revocationPoll) {

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
        Optional<OidcSettings> oidcSettings = OidcSettings.load(settings);
        SignInSettings signIn = SignInSettings.load(settings, oidcSettings.isPresent());
        PathConstraints constraints = PathConstraints.parse(settings.list(SsrGuardProperties.AUTH_CONSTRAINTS, List.of()));
        OriginResolver origins = OriginResolver.load(settings);
        ThrottleSettings throttleSettings = ThrottleSettings.load(settings);
        Optional<SignInThrottle> throttle = throttleSettings.enabled()
                ? Optional.of(new SignInThrottle(throttleSettings, clock,
                        CdiEventSink.forApplication(applicationClassLoader, SignInLockedOut.class)))
                : Optional.empty();
        CredentialCheck chosen = CredentialChecks.choose(settings, applicationClassLoader, constraints);
        CredentialCheck credentials = throttle.<CredentialCheck>map(t -> new ThrottledCredentialCheck(chosen, t, origins,
                clock)).orElse(chosen);
        CookieRules cookies = CookieRules.load(settings, contextPath);
        KeyProvider keys = vault.isPresent() ? checked(vault.get()) : ConfiguredKeyProvider.load(settings);
        AccessTokenCodec codec = new AccessTokenCodec(keys, auth, clock);
        AccessCookies accessCookies = new AccessCookies(auth, cookies);
        SecureRandom random = new SecureRandom();
        RefreshSettings refreshSettings = RefreshSettings.load(settings, random);
        RefreshCookies refreshCookies = RefreshCookies.load(settings, cookies, clock);
        RefreshTokenStore store = RefreshTokenStores.choose(settings, refreshSettings, applicationClassLoader,
                dataSources);
        // Beside the refresh families, in the same place: every node must find what another recorded.
        boolean jdbcSessions = refreshSettings.store() == RefreshSettings.StoreType.JDBC && oidcSettings.isPresent();
        ProviderSessions providerSessions = jdbcSessions
                ? new JdbcProviderSessions(dataSources.apply(refreshSettings.dataSource()), refreshSettings.tablePrefix(),
                        refreshSettings.createSchema())
                : new InMemoryProviderSessions(2 * MemoryStoreLimits.load(settings).maxFamilies(), clock);
        VerifiedTokenCache tokenCache = VerifiedTokenCache.load(settings, auth.clockSkew(), clock);
        EndedFamilies ended = new EndedFamilies(EndedFamilies.retention(auth.accessTokenTtl(), auth.clockSkew()));
        Consumer<RefreshSecurityEvent> cdi = CdiEventSink.forApplication(applicationClassLoader);
        RefreshEventPublisher events = new RefreshEventPublisher(event -> {
            if (event instanceof RefreshFamilyRevoked revoked) {
                // This node refuses the family's access tokens at once; the others read the store's log.
                ended.add(revoked.familyId(), revoked.at());
                tokenCache.evictSession(revoked.familyId());
            }
            cdi.accept(event);
        });
        StoredRefreshFamilies families = new StoredRefreshFamilies(store, events, clock);
        RefreshTokenService refresh = new RefreshTokenService(store, families, events, refreshSettings, clock, random);
        SignInSessions sessions = new SignInSessions(codec, accessCookies, refresh, refreshCookies);
        Optional<GuardSettings> guardSettings = tiers.enabled(Feature.GUARD) ? Optional.of(GuardSettings.load(settings))
                : Optional.empty();
        List<String> sessionCookies = new ArrayList<>(accessCookies.baseNames());
        sessionCookies.add(refreshCookies.baseName());
        List<String> sessionCookieNames = sessionCookies.stream().map(cookies::name).toList();
        CachingTokenVerifier verifier = new CachingTokenVerifier(codec, tokenCache, ended);
        // With password sign-in off the login path is not the pack's: it is treated like any unknown path.
        Set<String> sessionEndpoints = new LinkedHashSet<>(List.of(auth.refreshPath(), auth.logoutPath()));
        if (signIn.passwordEnabled()) {
            sessionEndpoints.add(auth.loginPath());
        }
        Optional<PasskeySettings> passkeySettings = PasskeySettings.load(settings);
        if (passkeySettings.isPresent() && !auth.enabled()) {
            throw new SettingsException(SsrGuardProperties.PASSKEYS_ENABLED + "=true needs "
                    + SsrGuardProperties.AUTH_ENABLED + "=true: a passkey sign-in ends in the pack's session cookies");
        }
        if (passkeySettings.isPresent()) {
            // Registration, removal and sign-in are never CSRF-exempt; the sign-in issues session cookies.
            sessionEndpoints.addAll(PasskeyPaths.ALL);
        }
        Optional<PasskeyCeremonies> passkeys = passkeySettings.map(p -> PasskeyCeremonies.start(p, settings,
                refreshSettings, dataSources, applicationClassLoader, clock, random));
        oidcSettings.ifPresent(o -> sessionEndpoints.addAll(List.of(o.loginPath(), o.redirectPath(), o.logoutPath())));
        BearerOnlyRule bearer = new BearerOnlyRule(auth.enabled() && auth.bearerEnabled(), verifier,
                sessionCookieNames, sessionEndpoints);
        RequestAuthentication authentication = new RequestAuthentication(auth.enabled(), bearer,
                new CookieAuthenticator(accessCookies, verifier, refreshCookies, sessions),
                Set.of(auth.refreshPath(), auth.logoutPath()));
        // Requests without an ambient credential need no CSRF token: bearer-only ones, and the provider's
        // cookieless back-channel logout POST (its authority is the signed logout token in its body).
        Predicate<HttpServletRequest> noAmbientCredential = oidcSettings
                .<Predicate<HttpServletRequest>>map(o -> new BackChannelCsrfExemption(o.backChannelLogoutPath())
                        .or(bearer::isBearerOnly))
                .orElse(bearer::isBearerOnly);
        CsrfProtection csrf = CsrfProtection.start(settings, cookies, origins, noAmbientCredential,
                Set.of(auth.refreshPath(), auth.logoutPath()), clock, random);
        ScheduledExecutorService background = daemonScheduler("ssrguard-background");
        CspProtection csp;
        Optional<OidcSignIn> oidc;
        try {
            csp = CspProtection.start(settings, contextPath, clock, dataSources, background, applicationClassLoader,
                    origins);
            Duration longestFamily = refreshSettings.rememberMeLifetime().compareTo(refreshSettings.lifetime()) > 0
                    ? refreshSettings.rememberMeLifetime() : refreshSettings.lifetime();
            oidc = oidcSettings.map(o -> OidcSignIn.start(o, settings, cookies, sessions, providerSessions,
                    longestFamily, families, clock, random, background));
        } catch (RuntimeException e) {
            background.shutdownNow();
            throw e;
        }
        // The CSP violation summary is an operator endpoint: guarded wherever it is, and only where the guard is on.
        InternalGuard guard = guardSettings.map(g -> new InternalGuard(csp.settings().flatMap(CspSettings::reportSummaryPath)
                .map(g::alsoGuarding).orElse(g))).orElse(InternalGuard.off());
        long purgeSeconds = refreshSettings.purgeInterval().toSeconds();
        background.scheduleWithFixedDelay(() -> purge(store, ended, clock), purgeSeconds, purgeSeconds,
                TimeUnit.SECONDS);
        ScheduledExecutorService revocationPoll = daemonScheduler("ssrguard-revocation-poll");
        long pollMillis = refreshSettings.revocationPollInterval().toMillis();
        revocationPoll.scheduleWithFixedDelay(new EndedFamiliesPoller(store, ended, clock, auth.clockSkew()), 0,
                pollMillis, TimeUnit.MILLISECONDS);
        if (oidc.isPresent()) {
            background.scheduleWithFixedDelay(() -> purge(providerSessions, clock), purgeSeconds, purgeSeconds,
                    TimeUnit.SECONDS);
        }
        try {
            Set<String> packPaths = new LinkedHashSet<>(sessionEndpoints);
            packPaths.addAll(List.of(auth.mePath(), signIn.page(), signIn.stylesheet(), signIn.script(),
                    csrf.settings().endpointPath()));
            csp.settings().flatMap(CspSettings::reportPath).ifPresent(packPaths::add);
            if (oidc.isPresent()) {
                OidcSettings o = oidc.get().settings();
                packPaths.addAll(List.of(o.loginPath(), o.redirectPath(), o.logoutPath(), o.backChannelLogoutPath()));
            }
            // The gate sends visitors to the sign-in page even when a provider is the only way in: the page
            // offers it, and shows why a sign-in at the provider failed (a redirect straight there could loop).
            // Loaded whether or not the gate is on: constrained pages send navigations to the same sign-in.
            GateSettings gateSettings = GateSettings.load(settings, packPaths, signIn.location());
            SiteGate gate = tiers.enabled(Feature.GATE) ? new SiteGate(gateSettings) : SiteGate.off();
            AccessRefusals refusals = AccessRefusals.load(settings, gateSettings.signInRedirect());
            Optional<SecurityHeaders> securityHeaders = tiers.enabled(Feature.HEADERS)
                    ? Optional.of(SecurityHeaders.load(settings, origins))
                    : Optional.empty();
            boolean cspDeclared = declaredFilters.contains(ContentSecurityPolicyFilter.class.getName());
            ResponseHeaders headers = new ResponseHeaders(securityHeaders,
                    cspDeclared ? Optional.of(csp) : Optional.empty());
            return new SsrGuardRuntime(tiers, auth, signIn, new BrowserRedirects(signIn), cookies, credentials,
                    authentication, constraints, refusals, refreshCookies, sessions, families, origins, csrf, csp,
                    headers, gate, guard, FacesSettings.load(settings), oidc, throttle, passkeys, background, revocationPoll);
        } catch (RuntimeException e) {
            // A setting found bad after the background work started: stop it, the deployment fails.
            csp.stop();
            background.shutdownNow();
            revocationPoll.shutdownNow();
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
        context.setAttribute(AccessRefusals.ATTRIBUTE, refusals);
        context.setAttribute(ResponseHeaders.ATTRIBUTE, headers);
        context.setAttribute(SiteGate.ATTRIBUTE, gate);
        context.setAttribute(InternalGuard.ATTRIBUTE, guard);
        context.setAttribute(RefreshFamilies.ATTRIBUTE, families);
        context.setAttribute(FacesSettings.ATTRIBUTE, faces);
        throttle.ifPresent(t -> context.setAttribute(SignInLockouts.ATTRIBUTE, t));
        csrf.attachTo(context);
        csp.attachTo(context);
    }

    /** Stops background work; called when the application stops. */
    public void stop() {
        csp.stop();
        background.shutdownNow();
        revocationPoll.shutdownNow();
    }

    private static ScheduledExecutorService daemonScheduler(String name) {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        });
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

    private static void purge(RefreshTokenStore store, EndedFamilies ended, Clock clock) {
        try {
            int purged = store.purge(clock.instant());
            // The log's entries go once their families' access tokens have expired on every node.
            int forgotten = store.forgetEndedBefore(clock.instant().minus(ended.retention()));
            LOG.fine(() -> "purged " + purged + " expired or revoked refresh-token rows and " + forgotten
                    + " ended-family log entries");
        } catch (RuntimeException e) {
            // A failed purge is retried at the next interval; it must not kill the scheduler.
            LOG.warning("SSR Guard: refresh-token purge failed: " + e.getMessage());
        }
    }
}
