package io.ssrguard;

import io.ssrguard.auth.AccessCookies;
import io.ssrguard.auth.AccessTokenCodec;
import io.ssrguard.auth.AuthenticationResult;
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
import io.ssrguard.guard.GuardSettings;
import io.ssrguard.guard.InternalGuard;
import io.ssrguard.headers.SecurityHeaders;
import io.ssrguard.http.OriginResolver;
import io.ssrguard.http.PathPattern;
import io.ssrguard.http.RequestCookies;
import io.ssrguard.keys.ConfiguredKeyProvider;
import io.ssrguard.keys.KeyProvider;
import io.ssrguard.refresh.CdiEventSink;
import io.ssrguard.refresh.InMemoryRefreshTokenStore;
import io.ssrguard.refresh.JdbcRefreshTokenStore;
import io.ssrguard.refresh.RefreshCookies;
import io.ssrguard.refresh.RefreshEventPublisher;
import io.ssrguard.refresh.RefreshFamilies;
import io.ssrguard.refresh.RefreshSettings;
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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * @param guardOrNull   the internal endpoint guard, or {@code null} when off
 * @param headersOrNull the security headers, or {@code null} when off
 */
public record SsrGuardRuntime(
        EnvironmentTiers tiers,
        AuthSettings auth,
        CookieRules cookies,
        AccessTokenCodec codec,
        AccessCookies accessCookies,
        CookieAuthenticator authenticator,
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
        InternalGuard guardOrNull,
        SecurityHeaders headersOrNull) {

    static final String ATTRIBUTE = SsrGuardRuntime.class.getName();
    private static final Logger LOG = Logger.getLogger(SsrGuardRuntime.class.getName());

    /**
     * Builds the runtime from settings; throws {@code SettingsException} naming
     * the bad setting. Parts that start background work (CSP refresh) come last,
     * so that a bad setting found earlier leaves nothing running.
     *
     * @param dataSources     looks a DataSource up by JNDI name, for the database-backed parts
     * @param declaredFilters class names of the filters the application declared
     */
    public static SsrGuardRuntime start(SettingsReader settings, String contextPath, Clock clock,
                                        ClassLoader applicationClassLoader, Function<String, DataSource> dataSources,
                                        Set<String> declaredFilters) {
        EnvironmentTiers tiers = EnvironmentTiers.load(settings);
        AuthSettings auth = AuthSettings.load(settings);
        PathConstraints constraints = PathConstraints.parse(settings.list(SsrGuardProperties.AUTH_CONSTRAINTS, List.of()));
        CredentialCheck credentials = CredentialChecks.choose(settings, applicationClassLoader, constraints);
        CookieRules cookies = CookieRules.load(settings, contextPath);
        KeyProvider keys = ConfiguredKeyProvider.load(settings);
        AccessTokenCodec codec = new AccessTokenCodec(keys, auth, clock);
        AccessCookies accessCookies = new AccessCookies(auth, cookies);
        SecureRandom random = new SecureRandom();
        RefreshSettings refreshSettings = RefreshSettings.load(settings, random);
        RefreshCookies refreshCookies = RefreshCookies.load(settings, cookies, clock);
        RefreshTokenStore store = refreshSettings.store() == RefreshSettings.StoreType.JDBC
                ? new JdbcRefreshTokenStore(dataSources.apply(refreshSettings.dataSource()),
                        refreshSettings.tablePrefix(), refreshSettings.createSchema())
                : new InMemoryRefreshTokenStore();
        RefreshEventPublisher events = new RefreshEventPublisher(CdiEventSink.forApplication(applicationClassLoader));
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
        try {
            csp = CspProtection.start(settings, contextPath, clock, dataSources, background);
        } catch (RuntimeException e) {
            background.shutdownNow();
            throw e;
        }
        long purgeSeconds = refreshSettings.purgeInterval().toSeconds();
        background.scheduleWithFixedDelay(() -> purge(store, clock), purgeSeconds, purgeSeconds, TimeUnit.SECONDS);
        SecurityHeaders headers = tiers.enabled(Feature.HEADERS)
                ? SecurityHeaders.load(settings, origins)
                : null;
        return new SsrGuardRuntime(tiers, auth, cookies, codec, accessCookies,
                new CookieAuthenticator(accessCookies, codec, refreshCookies, sessions), credentials, constraints,
                refreshCookies, sessions, families, background, origins, csrf, csp,
                declaredFilters.contains(ContentSecurityPolicyFilter.class.getName()), guard, headers);
    }

    /**
     * Authenticates a request from its cookies, renewing an expired access cookie
     * through the refresh cookie except on the endpoints that handle the refresh
     * cookie themselves.
     */
    public AuthenticationResult authenticate(HttpServletRequest request) {
        String path = PathPattern.of(request);
        boolean mayRefresh = !path.equals(auth.refreshPath()) && !path.equals(auth.logoutPath());
        return authenticator.authenticate(name -> RequestCookies.value(request, name), mayRefresh);
    }

    /** The internal endpoint guard, when on. */
    public Optional<InternalGuard> guard() {
        return Optional.ofNullable(guardOrNull);
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
