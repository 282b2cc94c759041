package io.ssrguard;

import io.ssrguard.auth.AccessCookies;
import io.ssrguard.auth.AccessTokenCodec;
import io.ssrguard.auth.AuthSettings;
import io.ssrguard.auth.CachingTokenVerifier;
import io.ssrguard.auth.CookieAuthenticator;
import io.ssrguard.auth.CredentialCheck;
import io.ssrguard.auth.CredentialChecks;
import io.ssrguard.auth.PathConstraints;
import io.ssrguard.auth.VerifiedTokenCache;
import io.ssrguard.config.SsrGuardProperties;
import io.ssrguard.guard.GuardSettings;
import io.ssrguard.guard.InternalGuard;
import io.ssrguard.headers.SecurityHeaders;
import io.ssrguard.tiers.EnvironmentTiers;
import io.ssrguard.tiers.Feature;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.cookies.CookieRules;
import io.ssrguard.keys.ConfiguredKeyProvider;
import io.ssrguard.keys.KeyProvider;
import jakarta.servlet.ServletContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Everything the pack prepared at start for one application: validated
 * settings, keys and the cores built from them. Adapters (mechanism, filters,
 * endpoints) find it as a servlet-context attribute, so that one instance serves
 * them all.
 *
 * @param auth          authentication settings
 * @param cookies       the cookie rules
 * @param codec         access-token issuing and verification
 * @param accessCookies where access tokens live in cookies
 * @param authenticator cookies to caller
 * @param tokenCache    verified access tokens; revocation evicts a session from it
 * @param credentials   how sign-in checks passwords
 * @param constraints   access rules the plain-filter adapter enforces
 * @param tiers         which features are on in this environment
 * @param guardOrNull   the internal endpoint guard, or {@code null} when off
 * @param headersOrNull the security headers, or {@code null} when off
 */
public record SsrGuardRuntime(
        AuthSettings auth,
        CookieRules cookies,
        AccessTokenCodec codec,
        AccessCookies accessCookies,
        CookieAuthenticator authenticator,
        VerifiedTokenCache tokenCache,
        CredentialCheck credentials,
        PathConstraints constraints,
        EnvironmentTiers tiers,
        InternalGuard guardOrNull,
        SecurityHeaders headersOrNull) {

    static final String ATTRIBUTE = SsrGuardRuntime.class.getName();

    /** Builds the runtime from settings; throws {@code SettingsException} naming the bad setting. */
    public static SsrGuardRuntime start(SettingsReader settings, String contextPath, Clock clock,
                                        ClassLoader applicationClassLoader) {
        EnvironmentTiers tiers = EnvironmentTiers.load(settings);
        AuthSettings auth = AuthSettings.load(settings);
        PathConstraints constraints = PathConstraints.parse(settings.list(SsrGuardProperties.AUTH_CONSTRAINTS, List.of()));
        CredentialCheck credentials = CredentialChecks.choose(settings, applicationClassLoader, constraints);
        CookieRules cookies = CookieRules.load(settings, contextPath);
        KeyProvider keys = ConfiguredKeyProvider.load(settings);
        AccessTokenCodec codec = new AccessTokenCodec(keys, auth, clock);
        AccessCookies accessCookies = new AccessCookies(auth, cookies);
        VerifiedTokenCache tokenCache = VerifiedTokenCache.load(settings, auth.clockSkew(), clock);
        CookieAuthenticator authenticator = new CookieAuthenticator(accessCookies, new CachingTokenVerifier(codec, tokenCache));
        return new SsrGuardRuntime(auth, cookies, codec, accessCookies,
                authenticator, tokenCache, credentials, constraints, tiers,
                tiers.enabled(Feature.GUARD) ? new InternalGuard(GuardSettings.load(settings, true)) : null,
                tiers.enabled(Feature.HEADERS) ? SecurityHeaders.load(settings, false) : null);
    }

    /** The internal endpoint guard, when on. */
    public Optional<InternalGuard> guard() {
        return Optional.ofNullable(guardOrNull);
    }

    /** The security headers, when on. */
    public Optional<SecurityHeaders> headers() {
        return Optional.ofNullable(headersOrNull);
    }

    /** The runtime of the application that owns this context, if the pack started there. */
    public static Optional<SsrGuardRuntime> of(ServletContext context) {
        return Optional.ofNullable((SsrGuardRuntime) context.getAttribute(ATTRIBUTE));
    }

    void attachTo(ServletContext context) {
        context.setAttribute(ATTRIBUTE, this);
    }
}
