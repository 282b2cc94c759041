package io.ssrguard.oidc;

import static io.ssrguard.config.SsrGuardProperties.OIDC_BACKCHANNEL_LOGOUT_PATH;
import static io.ssrguard.config.SsrGuardProperties.OIDC_BACKCHANNEL_LOGOUT_RATE_LIMIT;
import static io.ssrguard.config.SsrGuardProperties.OIDC_CLIENT_AUTH;
import static io.ssrguard.config.SsrGuardProperties.OIDC_CLIENT_ID;
import static io.ssrguard.config.SsrGuardProperties.OIDC_CLIENT_JWK;
import static io.ssrguard.config.SsrGuardProperties.OIDC_CLIENT_SECRET;
import static io.ssrguard.config.SsrGuardProperties.OIDC_CLOCK_SKEW;
import static io.ssrguard.config.SsrGuardProperties.OIDC_CONNECT_TIMEOUT;
import static io.ssrguard.config.SsrGuardProperties.OIDC_COOKIE_NAME;
import static io.ssrguard.config.SsrGuardProperties.OIDC_DEFAULT_RETURN_TO;
import static io.ssrguard.config.SsrGuardProperties.OIDC_ENABLED;
import static io.ssrguard.config.SsrGuardProperties.OIDC_GROUPS_CLAIM;
import static io.ssrguard.config.SsrGuardProperties.OIDC_ISSUER;
import static io.ssrguard.config.SsrGuardProperties.OIDC_LOGIN_PATH;
import static io.ssrguard.config.SsrGuardProperties.OIDC_LOGOUT_PATH;
import static io.ssrguard.config.SsrGuardProperties.OIDC_POST_LOGOUT_PATH;
import static io.ssrguard.config.SsrGuardProperties.OIDC_PROVIDER_LOGOUT;
import static io.ssrguard.config.SsrGuardProperties.OIDC_READ_TIMEOUT;
import static io.ssrguard.config.SsrGuardProperties.OIDC_REDIRECT_PATH;
import static io.ssrguard.config.SsrGuardProperties.OIDC_REFRESH_INTERVAL;
import static io.ssrguard.config.SsrGuardProperties.OIDC_SCOPES;
import static io.ssrguard.config.SsrGuardProperties.OIDC_STATE_TTL;
import static io.ssrguard.config.SsrGuardProperties.OIDC_USERNAME_CLAIM;

import com.nimbusds.jose.jwk.JWK;
import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.cookies.CookieRules;
import io.ssrguard.http.ReturnPath;
import io.ssrguard.tiers.EnvironmentTiers;
import io.ssrguard.tiers.Feature;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Settings of OpenID Connect sign-in, loaded and validated once at start.
 * Defaults live here and nowhere else. Loaded only when the feature is on
 * ({@link #load} is empty otherwise), so no part of it is a placeholder.
 *
 * @param issuer           the provider's issuer URL exactly as its discovery document announces it,
 *                         with or without a trailing slash
 * @param clientId         the client id registered at the provider
 * @param clientAuth       how the client authenticates at the token endpoint, with exactly the
 *                         secret or key that way needs
 * @param scopes           scopes requested, {@code openid} among them
 * @param loginPath        path of the endpoint that starts a sign-in
 * @param redirectPath     path of the redirect URI (the callback)
 * @param logoutPath       path of the OIDC sign-out endpoint
 * @param defaultReturnTo  where a sign-in without {@code returnTo} ends
 * @param usernameClaim    claim holding the user name ({@code sub} when absent)
 * @param groupsClaim      claim holding the groups, dots walking nested objects
 * @param stateTtl         lifetime of the flow-state cookie
 * @param cookieName       base name of the flow-state cookie
 * @param providerLogout   whether sign-out also ends the provider session (RP-initiated logout)
 * @param postLogoutPath   where the provider sends the browser after its logout
 * @param connectTimeout   connect timeout towards the provider
 * @param readTimeout      read timeout towards the provider
 * @param refreshInterval  how often discovery and JWKS are re-read
 * @param clockSkew        tolerated clock difference on the ID token's and the logout token's times
 * @param backChannelLogoutPath      path of the back-channel logout endpoint
 * @param backChannelLogoutRateLimit back-channel logout requests accepted per minute on one node
 */
public record OidcSettings(
        URI issuer,
        String clientId,
        ClientAuth clientAuth,
        List<String> scopes,
        String loginPath,
        String redirectPath,
        String logoutPath,
        String defaultReturnTo,
        String usernameClaim,
        String groupsClaim,
        Duration stateTtl,
        String cookieName,
        boolean providerLogout,
        String postLogoutPath,
        Duration connectTimeout,
        Duration readTimeout,
        Duration refreshInterval,
        Duration clockSkew,
        String backChannelLogoutPath,
        int backChannelLogoutRateLimit) {

    /**
     * How the client proves itself at the token endpoint ({@code ssrguard.oidc.client-auth}):
     * each kind holds what it needs and nothing else, and none prints its secret or key.
     */
    public sealed interface ClientAuth {

        /** The value of {@code ssrguard.oidc.client-auth} that chose it, for the log. */
        default String setting() {
            return this instanceof PrivateKeyJwt ? "private_key_jwt"
                    : ((ClientSecret) this).inBody() ? "client_secret_post" : "client_secret_basic";
        }

        /**
         * The client id and secret: by HTTP Basic ({@code client_secret_basic}, the default, and what
         * most providers expect) or in the form body ({@code client_secret_post}).
         */
        record ClientSecret(String secret, boolean inBody) implements ClientAuth {
            @Override
            public String toString() {
                return "ClientSecret[" + setting() + ", secret=(redacted)]";
            }
        }

        /** A JWT signed with the client's private key (RFC 7523); no shared secret at all. */
        record PrivateKeyJwt(JWK key) implements ClientAuth {
            @Override
            public String toString() {
                return "PrivateKeyJwt[kid=" + key.getKeyID() + "]";
            }
        }
    }

    public static final List<String> DEFAULT_SCOPES = List.of("openid", "profile", "email");
    public static final Duration DEFAULT_STATE_TTL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofHours(1);
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    public static final String DEFAULT_BACKCHANNEL_LOGOUT_PATH = "/auth/oidc/backchannel-logout";
    /** Ten a second: a provider ending a burst of sessions, not a flood. */
    public static final int DEFAULT_BACKCHANNEL_LOGOUT_RATE_LIMIT = 600;
    /** Longest accepted flow lifetime: the state cookie is a bearer of a half-finished login. */
    static final Duration MAX_STATE_TTL = Duration.ofMinutes(30);

    public OidcSettings {
        scopes = List.copyOf(scopes);
    }

    /**
     * Reads and validates the settings when OIDC is on ({@code ssrguard.oidc.enabled=true});
     * empty, reading nothing else, when it is off.
     *
     * @throws SettingsException naming the property, when OIDC is on and a required setting is
     *                           missing or any setting is malformed
     */
    public static Optional<OidcSettings> load(SettingsReader s) {
        return EnvironmentTiers.switchOf(s, Feature.OIDC).enabled() ? Optional.of(loadOn(s)) : Optional.empty();
    }

    /** The settings of a feature that is on, whatever {@code ssrguard.oidc.enabled} says (for tests). */
    static OidcSettings loadOn(SettingsReader s) {
        URI issuer = issuer(required(s, OIDC_ISSUER));
        String clientId = required(s, OIDC_CLIENT_ID);
        ClientAuth auth = clientAuth(s);
        String loginPath = s.path(OIDC_LOGIN_PATH, "/auth/oidc/login");
        String redirectPath = s.path(OIDC_REDIRECT_PATH, "/auth/oidc/callback");
        String logoutPath = s.path(OIDC_LOGOUT_PATH, "/auth/oidc/logout");
        String backChannelPath = s.path(OIDC_BACKCHANNEL_LOGOUT_PATH, DEFAULT_BACKCHANNEL_LOGOUT_PATH);
        if (new java.util.HashSet<>(List.of(loginPath, redirectPath, logoutPath, backChannelPath)).size() != 4) {
            throw new SettingsException(OIDC_LOGIN_PATH + ", " + OIDC_REDIRECT_PATH + ", " + OIDC_LOGOUT_PATH + " and "
                    + OIDC_BACKCHANNEL_LOGOUT_PATH + " must be four different paths, not " + loginPath + ", "
                    + redirectPath + ", " + logoutPath + ", " + backChannelPath);
        }
        String defaultReturnTo = s.string(OIDC_DEFAULT_RETURN_TO, "/");
        if (ReturnPath.parse(defaultReturnTo).isEmpty()) {
            throw new SettingsException(OIDC_DEFAULT_RETURN_TO + " must be a path inside the application such as"
                    + " /home (one leading '/', no scheme, no '//', no '\\'), not '" + defaultReturnTo + "'");
        }
        String postLogoutPath = s.string(OIDC_POST_LOGOUT_PATH, "/");
        if (ReturnPath.parse(postLogoutPath).isEmpty()) {
            throw new SettingsException(OIDC_POST_LOGOUT_PATH + " must be a path inside the application such as /,"
                    + " not '" + postLogoutPath + "'");
        }
        // Time to sign in at the provider; the cookie is a bearer of a half-finished login.
        Duration stateTtl = s.duration(OIDC_STATE_TTL, DEFAULT_STATE_TTL, Duration.ofSeconds(30), MAX_STATE_TTL);
        return new OidcSettings(issuer, clientId, auth,
                scopes(s.string(OIDC_SCOPES, String.join(" ", DEFAULT_SCOPES))),
                loginPath, redirectPath, logoutPath, defaultReturnTo,
                claimName(OIDC_USERNAME_CLAIM, s.string(OIDC_USERNAME_CLAIM, "preferred_username")),
                claimName(OIDC_GROUPS_CLAIM, s.string(OIDC_GROUPS_CLAIM, "groups")),
                stateTtl,
                CookieRules.baseName(s, OIDC_COOKIE_NAME, "ssrguard-oidc"),
                s.bool(OIDC_PROVIDER_LOGOUT, false),
                postLogoutPath,
                s.positiveDuration(OIDC_CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT),
                s.positiveDuration(OIDC_READ_TIMEOUT, DEFAULT_READ_TIMEOUT),
                atLeast(OIDC_REFRESH_INTERVAL, s.duration(OIDC_REFRESH_INTERVAL, DEFAULT_REFRESH_INTERVAL),
                        Duration.ofMinutes(1)),
                s.duration(OIDC_CLOCK_SKEW, DEFAULT_CLOCK_SKEW),
                backChannelPath,
                s.integer(OIDC_BACKCHANNEL_LOGOUT_RATE_LIMIT, DEFAULT_BACKCHANNEL_LOGOUT_RATE_LIMIT, 1, 100_000));
    }

    private static String required(SettingsReader s, String name) {
        return s.optional(name).orElseThrow(() -> new SettingsException(name + " is required when " + OIDC_ENABLED
                + "=true"));
    }

    /**
     * An absolute https URL without query or fragment. Plain http is accepted only for a
     * loopback host (tests, a provider on the developer's machine): anywhere else the
     * discovery document and the keys could be swapped on the wire.
     */
    static URI issuer(String value) {
        URI uri;
        try {
            // Kept exactly as given: it must equal the discovery document's issuer, and some
            // providers' issuers end in a slash (Auth0) while others do not (Keycloak).
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new SettingsException(OIDC_ISSUER + " is not a URL: '" + value + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null
                || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new SettingsException(OIDC_ISSUER + " must be the provider's issuer URL such as"
                    + " https://keycloak.example.com/realms/shop (no query, no fragment), not '" + value + "'");
        }
        if (scheme.equals("http") && !loopback(uri.getHost())) {
            throw new SettingsException(OIDC_ISSUER + " must use https (plain http is allowed for localhost only),"
                    + " not '" + value + "'");
        }
        return uri;
    }

    private static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }

    private static List<String> scopes(String value) {
        Set<String> scopes = new LinkedHashSet<>(Arrays.stream(value.split("[\\s,]+"))
                .filter(v -> !v.isEmpty()).toList());
        if (!scopes.contains("openid")) {
            throw new SettingsException(OIDC_SCOPES + " must include openid (without it the provider issues no ID"
                    + " token), not '" + value + "'");
        }
        for (String scope : scopes) {
            if (!scope.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '"' && c != '\\')) {
                throw new SettingsException(OIDC_SCOPES + " holds an invalid scope '" + scope + "'");
            }
        }
        return List.copyOf(scopes);
    }

    private static ClientAuth clientAuth(SettingsReader s) {
        String kind = s.string(OIDC_CLIENT_AUTH, "client_secret_basic");
        switch (kind.trim().toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "private_key_jwt":
                return new ClientAuth.PrivateKeyJwt(clientJwk(required(s, OIDC_CLIENT_JWK)));
            case "client_secret_post":
                return new ClientAuth.ClientSecret(clientSecret(s, "client_secret_post"), true);
            case "client_secret_basic":
                return new ClientAuth.ClientSecret(clientSecret(s, "client_secret_basic"), false);
            default:
                throw new SettingsException(OIDC_CLIENT_AUTH + " must be client_secret_basic, client_secret_post or"
                        + " private_key_jwt, not '" + kind + "'");
        }
    }

    private static String clientSecret(SettingsReader s, String kind) {
        return s.optional(OIDC_CLIENT_SECRET).orElseThrow(() -> new SettingsException(OIDC_CLIENT_SECRET
                + " is required when " + OIDC_ENABLED + "=true and " + OIDC_CLIENT_AUTH + " is " + kind
                + "; set it from a secret store (environment variable SSRGUARD_OIDC_CLIENT_SECRET), not from a file in the WAR"));
    }

    private static JWK clientJwk(String json) {
        JWK jwk;
        try {
            jwk = JWK.parse(json);
        } catch (java.text.ParseException e) {
            // Never echo the value: it is a private key.
            throw new SettingsException(OIDC_CLIENT_JWK + " is not a JWK (JSON object with kty, and d for the private"
                    + " part): " + e.getMessage());
        }
        if (!jwk.isPrivate()) {
            throw new SettingsException(OIDC_CLIENT_JWK + " holds a public key only; private_key_jwt needs the private"
                    + " key (the JWK's \"d\"); register its public half at the provider");
        }
        if (!(jwk instanceof com.nimbusds.jose.jwk.RSAKey) && !(jwk instanceof com.nimbusds.jose.jwk.ECKey)) {
            throw new SettingsException(OIDC_CLIENT_JWK + " must be an RSA or EC key, not " + jwk.getKeyType());
        }
        return jwk;
    }

    private static String claimName(String property, String value) {
        if (value.startsWith(".") || value.endsWith(".") || value.contains("..")
                || value.chars().anyMatch(Character::isWhitespace)) {
            throw new SettingsException(property + " must be a claim name, dots walking nested objects"
                    + " (realm_access.roles), not '" + value + "'");
        }
        return value;
    }

    private static Duration atLeast(String property, Duration d, Duration min) {
        if (d.compareTo(min) < 0) {
            throw new SettingsException(property + " must be at least " + min.toSeconds() + " seconds, not "
                    + d.toSeconds());
        }
        return d;
    }

    @Override
    public String toString() {
        // Never print the secret or the private key.
        return "OidcSettings[issuer=" + issuer + ", clientId=" + clientId + ", clientAuth="
                + clientAuth + ", scopes=" + scopes + "]";
    }
}
