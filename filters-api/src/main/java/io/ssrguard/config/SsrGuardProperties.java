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

    // --- CSP ---
    /** Switches the Content-Security-Policy filter on or off; default off in the dev and docker profiles, on otherwise. */
    public static final String CSP_ENABLED = "ssrguard.csp.enabled";
    /** Where the policy comes from: {@code config} (default), {@code file}, {@code http} or {@code jdbc}. */
    public static final String CSP_SOURCE = "ssrguard.csp.source";
    /** The policy itself for the {@code config} source; re-read on every refresh, so a dynamic config source applies without restart. */
    public static final String CSP_POLICY = "ssrguard.csp.policy";
    /** How long a fetched policy is used before the background refresh fetches it again (default 5 minutes). */
    public static final String CSP_TTL = "ssrguard.csp.ttl";
    /** How long past its TTL the last good policy stays in force while the source fails, before the fallback applies (default 1 hour). */
    public static final String CSP_STALE_WINDOW = "ssrguard.csp.stale-window";
    /** The strict policy used when no good policy has been loaded; replaces the built-in one. */
    public static final String CSP_FALLBACK_POLICY = "ssrguard.csp.fallback-policy";
    /** Longest accepted policy, in characters (default 4096), so that a CMS cannot push a header proxies refuse. */
    public static final String CSP_MAX_LENGTH = "ssrguard.csp.max-length";
    /** Send {@code Content-Security-Policy-Report-Only} instead of the enforcing header (default false). */
    public static final String CSP_REPORT_ONLY = "ssrguard.csp.report-only";
    /** Comma-separated directives that get the per-request nonce (default {@code script-src,style-src}). */
    public static final String CSP_NONCE_DIRECTIVES = "ssrguard.csp.nonce-directives";
    /** Text in a policy that the per-request nonce replaces, as in {@code 'nonce-{nonce}'} (default {@code {nonce}}). */
    public static final String CSP_NONCE_PLACEHOLDER = "ssrguard.csp.nonce-placeholder";
    /** File holding the policy for the {@code file} source; re-read when its modification time or size changes. */
    public static final String CSP_FILE_PATH = "ssrguard.csp.file.path";
    /** URL of the policy for the {@code http} source (a headless CMS). */
    public static final String CSP_HTTP_URL = "ssrguard.csp.http.url";
    /** Connect timeout of the {@code http} source (default 2 seconds). */
    public static final String CSP_HTTP_CONNECT_TIMEOUT = "ssrguard.csp.http.connect-timeout";
    /** Read timeout of the {@code http} source (default 2 seconds). */
    public static final String CSP_HTTP_READ_TIMEOUT = "ssrguard.csp.http.read-timeout";
    /** When set, the {@code http} response is JSON and the policy is this field; dots walk nested objects ({@code data.attributes.csp}). */
    public static final String CSP_HTTP_JSON_FIELD = "ssrguard.csp.http.json-field";
    /** Comma-separated names of request headers the {@code http} source sends; each value is in {@link #CSP_HTTP_HEADER_PREFIX}{@code <name>}. */
    public static final String CSP_HTTP_HEADERS = "ssrguard.csp.http.headers";
    /** Prefix of the properties holding the {@code http} request header values, e.g. {@code ssrguard.csp.http.header.Authorization}. */
    public static final String CSP_HTTP_HEADER_PREFIX = "ssrguard.csp.http.header.";
    /** JNDI name of the DataSource of the {@code jdbc} source. */
    public static final String CSP_JDBC_DATASOURCE = "ssrguard.csp.jdbc.datasource";
    /** Query of the {@code jdbc} source; the first column of the first row is the policy. */
    public static final String CSP_JDBC_QUERY = "ssrguard.csp.jdbc.query";
    /** Path, relative to the context path, where the pack collects violation reports; unset: no collector. */
    public static final String CSP_REPORT_PATH = "ssrguard.csp.report-path";
    /** Where browsers send reports ({@code report-uri}); default: the collector at {@link #CSP_REPORT_PATH}. */
    public static final String CSP_REPORT_URI = "ssrguard.csp.report-uri";
    /** Reporting API group name for {@code report-to} and {@code Reporting-Endpoints} (default {@code ssrguard-csp}). */
    public static final String CSP_REPORT_TO = "ssrguard.csp.report-to";
    /** Largest violation report body the collector reads, in bytes (default 32768). */
    public static final String CSP_REPORT_MAX_BYTES = "ssrguard.csp.report-max-bytes";
    /** Report requests the collector accepts per minute on this node (default 120); more get 429. */
    public static final String CSP_REPORT_RATE_LIMIT = "ssrguard.csp.report-rate-limit";

    private SsrGuardProperties() {
    }
}
