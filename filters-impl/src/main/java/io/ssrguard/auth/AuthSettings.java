package io.ssrguard.auth;

import static io.ssrguard.config.SsrGuardProperties.AUTH_ACCESS_TOKEN_TTL;
import static io.ssrguard.config.SsrGuardProperties.AUTH_ALGORITHMS;
import static io.ssrguard.config.SsrGuardProperties.AUTH_AUDIENCE;
import static io.ssrguard.config.SsrGuardProperties.AUTH_BEARER_ENABLED;
import static io.ssrguard.config.SsrGuardProperties.AUTH_CLOCK_SKEW;
import static io.ssrguard.config.SsrGuardProperties.AUTH_COOKIE_NAME;
import static io.ssrguard.config.SsrGuardProperties.AUTH_ISSUER;
import static io.ssrguard.config.SsrGuardProperties.AUTH_LOGIN_PATH;
import static io.ssrguard.config.SsrGuardProperties.AUTH_LOGOUT_PATH;
import static io.ssrguard.config.SsrGuardProperties.AUTH_ME_PATH;
import static io.ssrguard.config.SsrGuardProperties.AUTH_REFRESH_PATH;
import static io.ssrguard.config.SsrGuardProperties.AUTH_SAME_SITE;
import static io.ssrguard.config.SsrGuardProperties.AUTH_SPLIT_COOKIE;

import com.nimbusds.jose.JWSAlgorithm;
import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.cookies.CookieRules;
import io.ssrguard.http.RequestBodies;
import io.ssrguard.keys.JwkKeys;
import io.ssrguard.tiers.EnvironmentTiers;
import io.ssrguard.tiers.Feature;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Settings of the cookie authentication mechanism, loaded and validated once at
 * start. Defaults live here and nowhere else.
 *
 * @param enabled        whether the mechanism and its endpoints run
 * @param issuer         {@code iss} of issued tokens, required on presented ones
 * @param audience       {@code aud} of issued tokens, required on presented ones
 * @param algorithms     the JWS algorithms accepted on presented tokens
 * @param accessTokenTtl lifetime of an access token
 * @param clockSkew      tolerance when checking time claims
 * @param cookieName     base name of the access cookie (prefix added by {@link CookieRules})
 * @param sameSite       {@code SameSite} of the authentication cookies
 * @param splitCookie    whether the token is split into a readable and an httpOnly cookie
 * @param loginPath      path of the login endpoint
 * @param refreshPath    path of the refresh endpoint
 * @param logoutPath     path of the logout endpoint
 * @param mePath         path of the current-user endpoint
 * @param bearerEnabled  whether {@code Authorization: Bearer} is accepted from clients without the cookie
 * @param bodyTimeout    deadline for a login body to arrive in full
 * @param adapter        what authenticates on Payara and WildFly: the mechanism or {@link AuthFilter}
 */
public record AuthSettings(
        boolean enabled,
        String issuer,
        String audience,
        Set<JWSAlgorithm> algorithms,
        Duration accessTokenTtl,
        Duration clockSkew,
        String cookieName,
        String sameSite,
        boolean splitCookie,
        String loginPath,
        String refreshPath,
        String logoutPath,
        String mePath,
        boolean bearerEnabled,
        Duration bodyTimeout,
        AuthAdapter adapter) {

    public static final Duration DEFAULT_ACCESS_TOKEN_TTL = Duration.ofMinutes(15);
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
    /** Cookie values this long are refused unparsed: no real token comes near it. */
    public static final int MAX_TOKEN_LENGTH = 4096;

    public AuthSettings {
        algorithms = Set.copyOf(algorithms);
    }

    /** Reads and validates the settings; throws {@link SettingsException} naming the bad property. */
    public static AuthSettings load(SettingsReader s) {
        return new AuthSettings(
                EnvironmentTiers.switchOf(s, Feature.AUTH).enabled(),
                s.string(AUTH_ISSUER, "ssrguard"),
                s.string(AUTH_AUDIENCE, "ssrguard"),
                algorithms(s.list(AUTH_ALGORITHMS, List.of("ES256"))),
                s.positiveDuration(AUTH_ACCESS_TOKEN_TTL, DEFAULT_ACCESS_TOKEN_TTL),
                s.duration(AUTH_CLOCK_SKEW, DEFAULT_CLOCK_SKEW),
                CookieRules.baseName(s, AUTH_COOKIE_NAME, "ssrguard-at"),
                CookieRules.sameSite(s, AUTH_SAME_SITE, "Lax", List.of("Lax", "Strict", "None")),
                s.bool(AUTH_SPLIT_COOKIE, false),
                s.path(AUTH_LOGIN_PATH, "/auth/login"),
                s.path(AUTH_REFRESH_PATH, "/auth/refresh"),
                s.path(AUTH_LOGOUT_PATH, "/auth/logout"),
                s.path(AUTH_ME_PATH, "/auth/me"),
                s.bool(AUTH_BEARER_ENABLED, false),
                RequestBodies.timeout(s),
                AuthAdapter.of(s));
    }

    /** Whether the Jakarta Security mechanism authenticates (where CDI runs): on, and not the filter's job. */
    public boolean mechanismWanted() {
        return enabled && adapter == AuthAdapter.MECHANISM;
    }

    /** Fails unless the signing key's algorithm is on the allow-list, so issued tokens always verify. */
    public void requireAllowed(String signingAlgorithm, String keyId) {
        if (!algorithms.contains(JWSAlgorithm.parse(signingAlgorithm))) {
            throw new SettingsException("the signing key '" + keyId + "' uses " + signingAlgorithm + ", which "
                    + AUTH_ALGORITHMS + " " + JwkKeys.names(algorithms) + " does not allow; add it or change the key");
        }
    }

    private static Set<JWSAlgorithm> algorithms(List<String> names) {
        Set<JWSAlgorithm> algs = new LinkedHashSet<>();
        for (String name : names) {
            JWSAlgorithm alg = JWSAlgorithm.parse(name);
            if (!JwkKeys.SUPPORTED.contains(alg)) {
                throw new SettingsException(AUTH_ALGORITHMS + " names '" + name + "', which is not supported; use "
                        + JwkKeys.names(JwkKeys.SUPPORTED));
            }
            algs.add(alg);
        }
        if (algs.isEmpty()) {
            throw new SettingsException(AUTH_ALGORITHMS + " must name at least one algorithm");
        }
        return algs;
    }
}
