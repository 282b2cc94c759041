package io.ssrguard.config;

/**
 * Names of the MicroProfile Config properties the pack reads. Every name starts
 * with {@code ssrguard.}; the README lists each with its default and meaning.
 * Profile-specific values use the usual prefix, for example
 * {@code %prod.ssrguard.auth.issuer}.
 */
public final class SsrGuardProperties {

    /** The MicroProfile Config property that selects the active profile. */
    public static final String PROFILE = "mp.config.profile";

    /** The profile in which plain-http conveniences (no Secure, ephemeral keys) are allowed. */
    public static final String DEV_PROFILE = "dev";

    // --- keys ---
    /** A JWK or a JWK set as inline JSON. */
    public static final String KEYS_JWKS = "ssrguard.keys.jwks";
    /** A file holding a JWK or a JWK set; used when {@link #KEYS_JWKS} is not set. */
    public static final String KEYS_JWKS_FILE = "ssrguard.keys.jwks-file";
    /** The {@code kid} of the key that signs new tokens; default: the first key that can sign. */
    public static final String KEYS_SIGNING_KEY_ID = "ssrguard.keys.signing-key-id";

    // --- cookies (all features) ---
    /** Whether cookies are {@code Secure} and carry the {@code __Host-}/{@code __Secure-} prefix. */
    public static final String COOKIES_SECURE = "ssrguard.cookies.secure";

    // --- authentication ---
    /** Switches the cookie authentication mechanism and its endpoints on or off. */
    public static final String AUTH_ENABLED = "ssrguard.auth.enabled";
    /** The {@code iss} claim written into and required of access tokens. */
    public static final String AUTH_ISSUER = "ssrguard.auth.issuer";
    /** The {@code aud} claim written into and required of access tokens. */
    public static final String AUTH_AUDIENCE = "ssrguard.auth.audience";
    /** Comma-separated JWS algorithms accepted on access tokens. */
    public static final String AUTH_ALGORITHMS = "ssrguard.auth.algorithms";
    /** Lifetime of an access token (seconds or ISO-8601 duration). */
    public static final String AUTH_ACCESS_TOKEN_TTL = "ssrguard.auth.access-token-ttl";
    /** Tolerated clock difference when checking {@code exp}, {@code nbf} and {@code iat}. */
    public static final String AUTH_CLOCK_SKEW = "ssrguard.auth.clock-skew";
    /** Base name of the access-token cookie, before any prefix. */
    public static final String AUTH_COOKIE_NAME = "ssrguard.auth.cookie-name";
    /** {@code SameSite} attribute of the authentication cookies: Lax, Strict or None. */
    public static final String AUTH_SAME_SITE = "ssrguard.auth.same-site";
    /** Split the access token into a script-readable header.payload cookie and an httpOnly signature cookie. */
    public static final String AUTH_SPLIT_COOKIE = "ssrguard.auth.split-cookie";
    /** Path of the login endpoint, relative to the context path. */
    public static final String AUTH_LOGIN_PATH = "ssrguard.auth.login-path";
    /** Path of the logout endpoint, relative to the context path. */
    public static final String AUTH_LOGOUT_PATH = "ssrguard.auth.logout-path";
    /** Path of the current-user endpoint, relative to the context path. */
    public static final String AUTH_ME_PATH = "ssrguard.auth.me-path";

    // --- CSRF ---
    /** Switches the CSRF filter on or off; default off in the dev and docker profiles, on elsewhere. */
    public static final String CSRF_ENABLED = "ssrguard.csrf.enabled";
    /** Comma-separated base64 or base64url AES-256 keys (32 bytes each), the active key first. */
    public static final String CSRF_KEYS = "ssrguard.csrf.keys";
    /** A file holding AES-256 keys in the format of {@link #CSRF_KEYS}, one or more per line; read after it. */
    public static final String CSRF_KEY_FILE = "ssrguard.csrf.key-file";
    /** Base name of the CSRF cookie, before any prefix. */
    public static final String CSRF_COOKIE_NAME = "ssrguard.csrf.cookie-name";
    /** {@code SameSite} attribute of the CSRF cookie: Lax or Strict. */
    public static final String CSRF_SAME_SITE = "ssrguard.csrf.same-site";
    /** Request header that carries the client token (double submit of the cookie). */
    public static final String CSRF_HEADER_NAME = "ssrguard.csrf.header-name";
    /** Request header that carries an SSR bypass token. */
    public static final String CSRF_SSR_HEADER_NAME = "ssrguard.csrf.ssr-header-name";
    /** Lifetime of a client token (seconds or ISO-8601 duration). */
    public static final String CSRF_TOKEN_TTL = "ssrguard.csrf.token-ttl";
    /** Lifetime of an SSR bypass token (seconds or ISO-8601 duration). */
    public static final String CSRF_SSR_TOKEN_TTL = "ssrguard.csrf.ssr-token-ttl";
    /** How far in the future a token's issue time may lie, for SSR servers whose clock runs ahead. */
    public static final String CSRF_CLOCK_SKEW = "ssrguard.csrf.clock-skew";
    /** Comma-separated paths that need no token: exact ({@code /hooks/pay}) or prefix ({@code /hooks/*}). */
    public static final String CSRF_EXEMPT_PATHS = "ssrguard.csrf.exempt-paths";
    /** Comma-separated origins, besides this site's own, that may send unsafe requests. */
    public static final String CSRF_TRUSTED_ORIGINS = "ssrguard.csrf.trusted-origins";
    /** Path of the endpoint that issues a client token, relative to the context path. */
    public static final String CSRF_ENDPOINT_PATH = "ssrguard.csrf.endpoint-path";

    // --- proxy ---
    /** Comma-separated public origins of the site ({@code https://shop.example.com}), as browsers see it. */
    public static final String PUBLIC_ORIGINS = "ssrguard.public-origins";
    /** Comma-separated addresses or CIDR ranges of reverse proxies whose forwarded headers are believed. */
    public static final String PROXY_TRUSTED = "ssrguard.proxy.trusted";

    private SsrGuardProperties() {
    }
}
