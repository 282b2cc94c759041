package io.ssrguard;

import io.ssrguard.auth.AccessCookies;
import io.ssrguard.auth.AccessTokenCodec;
import io.ssrguard.auth.AuthenticationResult;
import io.ssrguard.auth.CachingTokenVerifier;
import io.ssrguard.auth.Caller;
import io.ssrguard.auth.RequestAttributes;
import io.ssrguard.auth.VerifiedTokenCache;
import io.ssrguard.auth.AuthSettings;
import io.ssrguard.auth.CookieAuthenticator;
import io.ssrguard.auth.CredentialCheck;
import io.ssrguard.auth.CredentialChecks;
import io.ssrguard.auth.PathConstraints;
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
import io.ssrguard.headers.SecurityHeaders;
import io.ssrguard.http.OriginResolver;
import io.ssrguard.http.PathPattern;
import io.ssrguard.http.RequestCookies;
import io.ssrguard.keys.ConfiguredKeyProvider;
import io.ssrguard.keys.JwkKeys;
import io.ssrguard.keys.KeyProvider;
import io.ssrguard.oidc.OidcSignIn;
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
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.time.Clock;
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
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Everything the pack prepared at start for one application: validated
 * settings, keys and the cores built from them. Adapters (mechanism, filters,
 * endpoints) find it as a servlet-context attribute, so that one instance serves
 * them all.
 *
 * @param tiers         which features are on in this environment
 * @param auth          authentication settings
 * @param cookies       the cookie rules
 * @param codec         access-token issuing and verification
 * @param accessCookies where access tokens live in cookies
 * @param authenticator cookies to caller
 * @param tokenCache    verified access tokens, so that a token's signature is checked once
 * @param credentials   how sign-in checks passwords
 * @param constraints   access rules the plain-filter adapter enforces
 * @param refreshCookies where refresh tokens live in cookies
 * @param sessions      sign-in, refresh and sign-out as cookies
 * @param families      the application's view of its users' refresh families
 * @param background    the daemon scheduler for the pack's background work
 * @param origins       this site's origins, behind proxies too
 * @param csrf          CSRF and SSR tokens (its settings say whether the filter checks)
 * @param csp           Content-Security-Policy (its settings say whether it is on)
 * @param cspDeclared   whether the application declared the CSP filter, which makes the CSP part of its headers
 * @param gateOrNull    the site gate, or {@code null} when off
 * @param guardOrNull   the internal endpoint guard, or {@code null} when off
 * @param headersOrNull the security headers, or {@code null} when off
 * @param oidcOrNull    OpenID Connect sign-in, or {@code null} when off
 */
public record SsrGuardRuntime(
        EnvironmentTiers tiers,
        AuthSettings auth,
        CookieRules cookies,
        AccessTokenCodec codec,
        AccessCookies accessCookies,
        CookieAuthenticator authenticator,
        VerifiedTokenCache tokenCache,
        CredentialCheck credentials,
        PathConstraints constraints,
        RefreshCookies refreshCookies,
        SignInSessions sessions,
        StoredRefreshFamilies families,
        ScheduledExecutorService background,
        OriginResolver origins,
        CsrfProtection csrf,
        CspProtection csp,
        boolean cspDeclared,
        SiteGate gateOrNull,
        InternalGuard guardOrNull,
        SecurityHeaders headersOrNull,
        OidcSignIn oidcOrNull) {

    static final String ATTRIBUTE = SsrGuardRuntime.class.getName();
    private static final Logger LOG = Logger.getLogger(SsrGuardRuntime.class.getName());

    /**
     * Builds the runtime from settings; throws {@code SettingsException} naming
     * the bad setting. Parts that start background work (CSP refresh) come last,
     * so that a bad setting found earlier leaves nothing running.
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
        RefreshTokenStore store = refreshSettings.store() == RefreshSettings.StoreType.JDBC
                ? new JdbcRefreshTokenStore(dataSources.apply(refreshSettings.dataSource()),
                        refreshSettings.tablePrefix(), refreshSettings.createSchema())
                : new InMemoryRefreshTokenStore(MemoryStoreLimits.load(settings));
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
        InternalGuard guard = tiers.enabled(Feature.GUARD) ? new InternalGuard(GuardSettings.load(settings, true)) : null;
        OriginResolver origins = OriginResolver.load(settings);
        List<String> sessionCookies = new ArrayList<>(accessCookies.baseNames());
        sessionCookies.add(refreshCookies.baseName());
        CsrfProtection csrf = CsrfProtection.start(settings, cookies, origins, sessionCookies,
                Set.of(auth.refreshPath(), auth.logoutPath()), clock, random);
        ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "ssrguard-background");
            t.setDaemon(true);
            return t;
        });
        CspProtection csp;
        OidcSignIn oidc;
        try {
            csp = CspProtection.start(settings, contextPath, clock, dataSources, background);
            oidc = OidcSignIn.start(settings, cookies, sessions, clock, random, background).orElse(null);
        } catch (RuntimeException e) {
            background.shutdownNow();
            throw e;
        }
        long purgeSeconds = refreshSettings.purgeInterval().toSeconds();
        background.scheduleWithFixedDelay(() -> purge(store, clock), purgeSeconds, purgeSeconds, TimeUnit.SECONDS);
        try {
            Set<String> packPaths = new LinkedHashSet<>(List.of(auth.loginPath(), auth.refreshPath(), auth.logoutPath(),
                    auth.mePath(), csrf.settings().endpointPath()));
            csp.settings().reportPath().ifPresent(packPaths::add);
            String signIn = "/login";
            if (oidc != null) {
                packPaths.add(oidc.settings().loginPath());
                packPaths.add(oidc.settings().redirectPath());
                packPaths.add(oidc.settings().logoutPath());
                // Behind the gate, a site that signs in through a provider sends visitors straight there.
                signIn = oidc.settings().loginPath();
            }
            SiteGate gate = tiers.enabled(Feature.GATE)
                    ? new SiteGate(GateSettings.load(settings, packPaths, signIn))
                    : null;
            SecurityHeaders headers = tiers.enabled(Feature.HEADERS)
                    ? SecurityHeaders.load(settings, origins)
                    : null;
            return new SsrGuardRuntime(tiers, auth, cookies, codec, accessCookies,
                    new CookieAuthenticator(accessCookies, new CachingTokenVerifier(codec, tokenCache), refreshCookies,
                            sessions, sessionCookies.stream().map(cookies::name).toList()), tokenCache, credentials,
                    constraints,
                    refreshCookies, sessions, families, background, origins, csrf, csp,
                    declaredFilters.contains(ContentSecurityPolicyFilter.class.getName()), gate, guard, headers, oidc);
        } catch (RuntimeException e) {
            // A setting found bad after the background work started: stop it, the deployment fails.
            csp.stop();
            background.shutdownNow();
            throw e;
        }
    }

    /**
     * Authenticates a request from its cookies (or a bearer header, when on),
     * renewing an expired access cookie through the refresh cookie except on the
     * endpoints that handle the refresh cookie themselves. Puts the cookies the
     * outcome needs on the response and, for a caller, publishes it and its
     * session as request attributes. The one place both adapters (mechanism and
     * filter) authenticate through.
     *
     * @return the caller, or empty for an anonymous request or a refused credential
     * @throws RefreshStoreUnavailableException when an expired access cookie could not be renewed
     *         because the store failed; the adapter answers 503
     */
    public Optional<Caller> identify(HttpServletRequest request, HttpServletResponse response) {
        AuthenticationResult result = authenticate(request);
        result.setCookies().forEach(c -> response.addHeader("Set-Cookie", c));
        if (result instanceof AuthenticationResult.Authenticated ok) {
            request.setAttribute(RequestAttributes.CALLER, ok.token().caller());
            request.setAttribute(RequestAttributes.SESSION_ID, ok.token().sessionId());
            return Optional.of(ok.token().caller());
        }
        if (result instanceof AuthenticationResult.Rejected rejected) {
            LOG.fine(() -> "credential rejected on " + request.getRequestURI() + ": " + rejected.reason());
        }
        if (result instanceof AuthenticationResult.Unavailable unavailable) {
            throw new RefreshStoreUnavailableException(unavailable.detail(), null);
        }
        return Optional.empty();
    }

    private AuthenticationResult authenticate(HttpServletRequest request) {
        Function<String, String> cookies = name -> RequestCookies.value(request, name);
        String authorization = request.getHeader("Authorization");
        if (auth.bearerEnabled() && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && !authenticator.hasSessionCookie(cookies)) {
            // A client without session cookies; with cookies present, the cookie rules apply.
            return authenticator.authenticateBearer(authorization.substring(7).trim());
        }
        String path = PathPattern.of(request);
        boolean mayRefresh = !path.equals(auth.refreshPath()) && !path.equals(auth.logoutPath());
        return authenticator.authenticate(cookies, mayRefresh);
    }

    /** The site gate, when on. */
    public Optional<SiteGate> gate() {
        return Optional.ofNullable(gateOrNull);
    }

    /** The internal endpoint guard, when on. */
    public Optional<InternalGuard> guard() {
        return Optional.ofNullable(guardOrNull);
    }

    /** OpenID Connect sign-in, when on. */
    public Optional<OidcSignIn> oidc() {
        return Optional.ofNullable(oidcOrNull);
    }

    /** The security headers, when on. */
    public Optional<SecurityHeaders> headers() {
        return Optional.ofNullable(headersOrNull);
    }

    /**
     * Sets the security headers, and the CSP when the application uses the CSP
     * filter, on a response. Called by the first of the pack's components that
     * sees the request, so that responses the container or the pack answers
     * before the filter chain (401, 403) carry them too. {@code X-Frame-Options}
     * is left out only where the CSP sent with it governs framing.
     */
    public void applyHeaders(HttpServletRequest request, HttpServletResponse response) {
        boolean cspHere = cspDeclared && csp.enabled();
        if (cspHere) {
            csp.applyTo(request, response);
        }
        if (headersOrNull != null) {
            headersOrNull.applyTo(request, response, cspHere && csp.coversFraming());
        }
    }

    /** The runtime of the application that owns this context, if the pack started there. */
    public static Optional<SsrGuardRuntime> of(ServletContext context) {
        return Optional.ofNullable((SsrGuardRuntime) context.getAttribute(ATTRIBUTE));
    }

    public void attachTo(ServletContext context) {
        context.setAttribute(ATTRIBUTE, this);
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
