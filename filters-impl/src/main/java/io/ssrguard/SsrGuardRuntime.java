package io.ssrguard;

import io.ssrguard.auth.AccessCookies;
import io.ssrguard.auth.AccessTokenCodec;
import io.ssrguard.auth.AuthSettings;
import io.ssrguard.auth.CookieAuthenticator;
import io.ssrguard.auth.CredentialCheck;
import io.ssrguard.auth.CredentialChecks;
import io.ssrguard.auth.PathConstraints;
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
import io.ssrguard.keys.ConfiguredKeyProvider;
import io.ssrguard.keys.KeyProvider;
import io.ssrguard.tiers.EnvironmentTiers;
import io.ssrguard.tiers.Feature;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
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
        OriginResolver origins,
        CsrfProtection csrf,
        CspProtection csp,
        boolean cspDeclared,
        InternalGuard guardOrNull,
        SecurityHeaders headersOrNull) {

    static final String ATTRIBUTE = SsrGuardRuntime.class.getName();

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
        InternalGuard guard = tiers.enabled(Feature.GUARD) ? new InternalGuard(GuardSettings.load(settings, true)) : null;
        OriginResolver origins = OriginResolver.load(settings);
        CsrfProtection csrf = CsrfProtection.start(settings, cookies, origins, accessCookies.baseNames(), clock,
                new SecureRandom());
        CspProtection csp = CspProtection.start(settings, contextPath, clock, dataSources);
        SecurityHeaders headers = tiers.enabled(Feature.HEADERS)
                ? SecurityHeaders.load(settings, origins)
                : null;
        return new SsrGuardRuntime(tiers, auth, cookies, codec, accessCookies,
                new CookieAuthenticator(accessCookies, codec), credentials, constraints, origins, csrf, csp,
                declaredFilters.contains(ContentSecurityPolicyFilter.class.getName()), guard, headers);
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
        csrf.attachTo(context);
        csp.attachTo(context);
    }

    /** Stops background work; called when the application stops. */
    public void stop() {
        csp.stop();
    }
}
