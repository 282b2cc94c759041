package io.ssrguard.config;

/**
 * Names of the MicroProfile Config properties the pack reads. Every name starts
 * with {@code ssrguard.}; {@code docs/configuration.md} lists each with its default and
 * meaning, and a unit test keeps the two in step.
 * Profile-specific values use the usual prefix, for example
 * {@code %prod.ssrguard.auth.issuer}.
 *
 * <p>These constants are the pack's whole list of names: any other {@code ssrguard.*}
 * name in the configuration stops the deployment, naming the closest one here. A
 * constant ending in {@code .} is the prefix of a family whose members add a name of
 * their own ({@link #CSP_HTTP_HEADER_PREFIX}).
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
    /**
     * Which adapter authenticates on Payara and WildFly: {@code mechanism} (the Jakarta Security
     * mechanism, default) or {@code filter} ({@code AuthFilter} alone, as on Tomcat).
     */
    public static final String AUTH_ADAPTER = "ssrguard.auth.adapter";
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
    /** Path of the refresh endpoint, relative to the context path. */
    public static final String AUTH_REFRESH_PATH = "ssrguard.auth.refresh-path";
    /** Path of the current-user endpoint, relative to the context path. */
    public static final String AUTH_ME_PATH = "ssrguard.auth.me-path";
    /**
     * How the login endpoint checks passwords: {@code auto}, {@code identity-store},
     * {@code validator} or {@code realm}.
     */
    public static final String AUTH_CREDENTIALS = "ssrguard.auth.credentials";
    /** Roles to probe with {@code isUserInRole} after a realm login, to learn the caller's groups. */
    public static final String AUTH_REALM_ROLES = "ssrguard.auth.realm-roles";
    /**
     * Access rules enforced by the pack's {@code AuthFilter} (for containers whose own
     * constraints run before filters, such as Tomcat): comma-separated
     * {@code pattern=role|role}; {@code *} as the role means any signed-in user.
     */
    public static final String AUTH_CONSTRAINTS = "ssrguard.auth.constraints";
    /**
     * The application's own page (a path relative to the context path) shown to a browser
     * navigation refused 403 because the caller lacks the role; unset, the pack's built-in page.
     * Requests that are not navigations get the pack's JSON 403 either way.
     */
    public static final String AUTH_FORBIDDEN_PAGE = "ssrguard.auth.forbidden-page";
    /**
     * How many verified access tokens are kept so that a token seen again skips its signature
     * check (default 10000); {@code 0} switches the cache off.
     */
    public static final String AUTH_TOKEN_CACHE_SIZE = "ssrguard.auth.token-cache-size";

    /** Accept {@code Authorization: Bearer <access token>} from non-browser clients (default false). */
    public static final String AUTH_BEARER_ENABLED = "ssrguard.auth.bearer.enabled";

    // --- guessing protection of password sign-in ---
    /** Throttles failed password sign-ins per user name and per client address (default true). */
    public static final String AUTH_THROTTLE_ENABLED = "ssrguard.auth.throttle.enabled";
    /** Failed sign-ins for one user name within the window that lock it out (default 5). */
    public static final String AUTH_THROTTLE_ACCOUNT_FAILURES = "ssrguard.auth.throttle.account-failures";
    /** Failed sign-ins from one client address within the window that lock it out (default 30). */
    public static final String AUTH_THROTTLE_ADDRESS_FAILURES = "ssrguard.auth.throttle.address-failures";
    /** The window in which failures are counted, from the first one (default 15 minutes). */
    public static final String AUTH_THROTTLE_WINDOW = "ssrguard.auth.throttle.window";
    /** How long a lockout lasts; every attempt meanwhile gets 429, the right password too (default 15 minutes). */
    public static final String AUTH_THROTTLE_LOCKOUT = "ssrguard.auth.throttle.lockout";
    /** User names and addresses tracked at most per node, so that guesses cannot fill the memory (default 100000). */
    public static final String AUTH_THROTTLE_MAX_ENTRIES = "ssrguard.auth.throttle.max-entries";
    /**
     * Path of the sign-in page the pack serves (default {@code /auth/sign-in}; its stylesheet is
     * this path plus {@code .css}). Navigations without a user go there unless {@link #GATE_SIGN_IN} names another page.
     */
    public static final String AUTH_SIGN_IN_PAGE = "ssrguard.auth.sign-in-page";
    /**
     * Whether users sign in with a password at the login endpoint (default true); {@code false} when a
     * provider ({@code ssrguard.oidc.enabled}) is the only way in: the login path then answers like an unknown path.
     */
    public static final String AUTH_PASSWORD_ENABLED = "ssrguard.auth.password.enabled";
    /** Where a sign-out posted from an HTML form sends the browser (303), relative to the context path (default {@code /}). */
    public static final String AUTH_POST_LOGOUT_PATH = "ssrguard.auth.post-logout-path";

    // --- passkeys (WebAuthn) ---
    /** Passkey registration and sign-in endpoints under the auth paths (default false). */
    public static final String PASSKEYS_ENABLED = "ssrguard.passkeys.enabled";
    /** The WebAuthn relying-party id, a domain such as {@code example.com} (default: the host of the site's origin). */
    public static final String PASSKEYS_RP_ID = "ssrguard.passkeys.rp-id";
    /** The relying-party name authenticators show when registering (default {@code SSR Guard}). */
    public static final String PASSKEYS_RP_NAME = "ssrguard.passkeys.rp-name";
    /** {@code required} (default) or {@code preferred}: whether the authenticator must verify the user (PIN, biometrics). */
    public static final String PASSKEYS_USER_VERIFICATION = "ssrguard.passkeys.user-verification";
    /** How long a ceremony may take from options to finish (default 5 minutes, at most 30). */
    public static final String PASSKEYS_CHALLENGE_TTL = "ssrguard.passkeys.challenge-ttl";
    /**
     * Passkey ceremony requests (options and finish, registration and sign-in) one client address may make per
     * minute; past it the address gets 429 for a minute (default 60, per node).
     */
    public static final String PASSKEYS_REQUESTS_PER_MINUTE = "ssrguard.passkeys.requests-per-minute";

    // --- site gate ---
    /** Switches the site gate: every request needs a signed-in user except public paths; default per profile. */
    public static final String GATE_ENABLED = "ssrguard.gate.enabled";
    /** Extra comma-separated path patterns that pass the gate without a user. */
    public static final String GATE_PUBLIC_PATHS = "ssrguard.gate.public-paths";
    /**
     * Where navigations without a user are sent: an application's own sign-in page, relative to the context
     * path (default: the pack's page, {@link #AUTH_SIGN_IN_PAGE}).
     */
    public static final String GATE_SIGN_IN = "ssrguard.gate.sign-in";

    // --- internal endpoint guard ---
    /** Switches the internal endpoint guard; default per profile. */
    public static final String GUARD_ENABLED = "ssrguard.guard.enabled";
    /** Comma-separated guarded path patterns. */
    public static final String GUARD_PATHS = "ssrguard.guard.paths";
    /** Comma-separated accepted secrets (at least 128 bits each); several allow rotation. */
    public static final String GUARD_SECRETS = "ssrguard.guard.secrets";
    /** The request header that carries the secret. */
    public static final String GUARD_SECRET_HEADER = "ssrguard.guard.secret-header";
    /** Guarded paths that probe User-Agents may reach for a minimal status. */
    public static final String GUARD_PROBE_PATHS = "ssrguard.guard.probe-paths";
    /** User-Agent patterns of probes; a trailing {@code *} matches any suffix. */
    public static final String GUARD_PROBE_AGENTS = "ssrguard.guard.probe-agents";

    // --- security headers ---
    /** Switches the security headers; default per profile. */
    public static final String HEADERS_ENABLED = "ssrguard.headers.enabled";
    /** {@code Strict-Transport-Security} value, sent over HTTPS only; {@code off} switches it off. */
    public static final String HEADERS_HSTS = "ssrguard.headers.hsts";
    /** {@code Referrer-Policy} value; {@code off} switches it off. */
    public static final String HEADERS_REFERRER_POLICY = "ssrguard.headers.referrer-policy";
    /** {@code Permissions-Policy} value; {@code off} switches it off. */
    public static final String HEADERS_PERMISSIONS_POLICY = "ssrguard.headers.permissions-policy";
    /** {@code Cross-Origin-Opener-Policy} value; {@code off} switches it off. */
    public static final String HEADERS_COOP = "ssrguard.headers.cross-origin-opener-policy";
    /** {@code Cross-Origin-Resource-Policy} value; {@code off} switches it off. */
    public static final String HEADERS_CORP = "ssrguard.headers.cross-origin-resource-policy";
    /** {@code X-Frame-Options} value, sent unless CSP's {@code frame-ancestors} covers framing; {@code off} switches it off. */
    public static final String HEADERS_FRAME_OPTIONS = "ssrguard.headers.frame-options";
    /** Whether to send {@code X-Content-Type-Options: nosniff}. */
    public static final String HEADERS_NOSNIFF = "ssrguard.headers.content-type-options";

    // --- CSP ---
    /** Switches the Content-Security-Policy filter on or off; default off in the dev and docker profiles, on otherwise. */
    public static final String CSP_ENABLED = "ssrguard.csp.enabled";
    /** Where the policy comes from: {@code config} (default), {@code file}, {@code http} or {@code jdbc}. */
    public static final String CSP_SOURCE = "ssrguard.csp.source";
    /** The policy itself for the {@code config} source; re-read on every refresh, so a dynamic config source applies without restart. */
    public static final String CSP_POLICY = "ssrguard.csp.policy";
    /**
     * Comma-separated path patterns ({@code /embed/*}, or an exact path) that get a policy of their own from the
     * {@code config} source, each in {@link #CSP_PATH_POLICY_PREFIX}{@code <pattern>}; the most specific pattern
     * matching a request wins, {@link #CSP_POLICY} covers the rest.
     */
    public static final String CSP_PATHS = "ssrguard.csp.paths";
    /** Prefix of the per-path policies of the {@code config} source, e.g. {@code ssrguard.csp.paths./embed/*}. */
    public static final String CSP_PATH_POLICY_PREFIX = "ssrguard.csp.paths.";
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
    /**
     * Kinds of violation (directive, blocked origin, source file and line) the collector's summary keeps
     * (default 1000); reports of further kinds are counted as dropped, never stored.
     */
    public static final String CSP_REPORT_MAX_KINDS = "ssrguard.csp.report-max-kinds";
    /**
     * Path of the violation summary (JSON, {@code GET}), relative to the context path (default
     * {@code /internal/ssrguard/csp-reports}); always guarded by the internal endpoint guard, and off with it.
     */
    public static final String CSP_REPORT_SUMMARY_PATH = "ssrguard.csp.report-summary-path";

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
    /**
     * Form field that carries the client token in {@code application/x-www-form-urlencoded} and
     * {@code multipart/form-data} posts without the header (default {@code _csrf}).
     */
    public static final String CSRF_FIELD_NAME = "ssrguard.csrf.field-name";
    /** Largest form body read for that field, in bytes (default 2097152); a larger one gets 413. */
    public static final String CSRF_FORM_MAX_BYTES = "ssrguard.csrf.form-max-bytes";

    // --- Jakarta Faces ---
    /**
     * Whether the pack takes part in Jakarta Faces rendering where the container has Faces (default
     * {@code true}): every POST form gets the CSRF form field, and, when the response has a CSP nonce,
     * inline event handlers and {@code javascript:} URLs become listeners in one nonce'd script and every
     * {@code <script>} carries the nonce. Without Faces (Tomcat) the setting has nothing to act on.
     */
    public static final String FACES_ENABLED = "ssrguard.faces.enabled";

    // --- request bodies (login, CSP reports) ---
    /**
     * How long a request body the pack reads may take to arrive in full (seconds or ISO-8601, default 10 s):
     * a body announced longer than sent, or trickled, gets 408 then.
     */
    public static final String HTTP_BODY_TIMEOUT = "ssrguard.http.body-timeout";

    // --- proxy ---
    /** Comma-separated public origins of the site ({@code https://shop.example.com}), as browsers see it. */
    public static final String PUBLIC_ORIGINS = "ssrguard.public-origins";
    /** Comma-separated addresses or CIDR ranges of reverse proxies whose forwarded headers are believed. */
    public static final String PROXY_TRUSTED = "ssrguard.proxy.trusted";

    private SsrGuardProperties() {
    }

    // --- refresh tokens ---
    /** How long an already-used refresh token is answered with its successor instead of counting as reuse (default 10 s). */
    public static final String REFRESH_GRACE_WINDOW = "ssrguard.refresh.grace-window";
    /** How long an unused refresh token stays valid: a family unused this long ends (default 7 days). */
    public static final String REFRESH_IDLE_TIMEOUT = "ssrguard.refresh.idle-timeout";
    /** Absolute lifetime of a family without remember-me, however often it is used (default 14 days). */
    public static final String REFRESH_LIFETIME = "ssrguard.refresh.lifetime";
    /** Absolute lifetime of a remember-me family (default 30 days). */
    public static final String REFRESH_REMEMBER_ME_LIFETIME = "ssrguard.refresh.remember-me-lifetime";
    /** Where families and token hashes are kept: {@code memory} (one node, default) or {@code jdbc} (a cluster). */
    public static final String REFRESH_STORE = "ssrguard.refresh.store";
    /** JNDI name of the DataSource of the {@code jdbc} store (default {@code java:comp/DefaultDataSource}). */
    public static final String REFRESH_DATASOURCE = "ssrguard.refresh.datasource";
    /** Whether the {@code jdbc} store creates its tables on first use (default true). */
    public static final String REFRESH_CREATE_SCHEMA = "ssrguard.refresh.create-schema";
    /** Prefix of the {@code jdbc} store's table names (default {@code ssrguard_refresh}). */
    public static final String REFRESH_TABLE_PREFIX = "ssrguard.refresh.table-prefix";
    /** How often expired and revoked rows are purged (default 1 hour). */
    public static final String REFRESH_PURGE_INTERVAL = "ssrguard.refresh.purge-interval";
    /**
     * How often each node reads the store's log of ended families, so that a revoked family's access
     * tokens are refused on every node within about this long (default 1 s; from PT0.1S to PT1M).
     */
    public static final String REFRESH_REVOCATION_POLL_INTERVAL = "ssrguard.refresh.revocation-poll-interval";
    /**
     * The in-memory store's bound on a user's families (default 50): a new sign-in beyond it ends the
     * user's oldest family.
     */
    public static final String REFRESH_MEMORY_MAX_FAMILIES_PER_USER = "ssrguard.refresh.memory.max-families-per-user";
    /**
     * The in-memory store's bound on all families (default 100000): beyond it, after a purge of the
     * expired ones, sign-ins answer 503 until families expire.
     */
    public static final String REFRESH_MEMORY_MAX_FAMILIES = "ssrguard.refresh.memory.max-families";
    /**
     * Base64 or base64url of at least 32 bytes: the key that derives a token's successor, so that a
     * token presented twice within the grace window gets the same successor on every node.
     * Required for the {@code jdbc} store outside the dev profile; the same on every node.
     */
    public static final String REFRESH_SECRET = "ssrguard.refresh.secret";
    /** Base name of the refresh-token cookie, before any prefix (default {@code ssrguard-rt}). */
    public static final String REFRESH_COOKIE_NAME = "ssrguard.refresh.cookie-name";
    /** {@code SameSite} of the refresh-token cookie: Lax (default) or Strict. */
    public static final String REFRESH_SAME_SITE = "ssrguard.refresh.same-site";

    // --- OpenID Connect ---
    /** Switches OpenID Connect sign-in and its endpoints on (default false). */
    public static final String OIDC_ENABLED = "ssrguard.oidc.enabled";
    /** The provider's issuer URL; discovery reads {@code <issuer>/.well-known/openid-configuration}. Required when on. */
    public static final String OIDC_ISSUER = "ssrguard.oidc.issuer";
    /** The client id registered at the provider. Required when on. */
    public static final String OIDC_CLIENT_ID = "ssrguard.oidc.client-id";
    /** The client secret, for {@code client_secret_basic} and {@code client_secret_post}. Required for those. */
    public static final String OIDC_CLIENT_SECRET = "ssrguard.oidc.client-secret";
    /** How the client authenticates at the token endpoint: {@code client_secret_basic} (default), {@code client_secret_post} or {@code private_key_jwt}. */
    public static final String OIDC_CLIENT_AUTH = "ssrguard.oidc.client-auth";
    /** For {@code private_key_jwt}: the client's private key as a JWK (RSA or EC, JSON); its public half is registered at the provider. */
    public static final String OIDC_CLIENT_JWK = "ssrguard.oidc.client-jwk";
    /** Space- or comma-separated scopes requested (default {@code openid profile email}); must include {@code openid}. */
    public static final String OIDC_SCOPES = "ssrguard.oidc.scopes";
    /** Path of the endpoint that starts a sign-in (default {@code /auth/oidc/login}). */
    public static final String OIDC_LOGIN_PATH = "ssrguard.oidc.login-path";
    /** Path of the redirect URI, relative to the context path (default {@code /auth/oidc/callback}). */
    public static final String OIDC_REDIRECT_PATH = "ssrguard.oidc.redirect-path";
    /** Path of the sign-out endpoint that can also end the provider session (default {@code /auth/oidc/logout}). */
    public static final String OIDC_LOGOUT_PATH = "ssrguard.oidc.logout-path";
    /** Where a sign-in without {@code returnTo} ends, relative to the context path (default {@code /}). */
    public static final String OIDC_DEFAULT_RETURN_TO = "ssrguard.oidc.default-return-to";
    /** ID-token claim holding the user name (default {@code preferred_username}); {@code sub} when the claim is absent. */
    public static final String OIDC_USERNAME_CLAIM = "ssrguard.oidc.username-claim";
    /** ID-token claim holding the groups, dots walking nested objects (default {@code groups}; Keycloak: {@code realm_access.roles}). */
    public static final String OIDC_GROUPS_CLAIM = "ssrguard.oidc.groups-claim";
    /** Lifetime of the encrypted flow-state cookie between the redirect to the provider and the callback (default 5 minutes). */
    public static final String OIDC_STATE_TTL = "ssrguard.oidc.state-ttl";
    /** Base name of the flow-state cookie, before any prefix (default {@code ssrguard-oidc}). */
    public static final String OIDC_COOKIE_NAME = "ssrguard.oidc.cookie-name";
    /** Whether the OIDC sign-out also ends the provider session (RP-initiated logout) when the provider has an {@code end_session_endpoint} (default false). */
    public static final String OIDC_PROVIDER_LOGOUT = "ssrguard.oidc.provider-logout";
    /**
     * Path of the OpenID Connect Back-Channel Logout endpoint (default {@code /auth/oidc/backchannel-logout}),
     * where the provider POSTs a signed {@code logout_token}; register its full URL at the provider
     * (Keycloak: "Backchannel logout URL").
     */
    public static final String OIDC_BACKCHANNEL_LOGOUT_PATH = "ssrguard.oidc.backchannel-logout-path";
    /** Back-channel logout requests accepted per minute on one node before it answers 429 (default 600). */
    public static final String OIDC_BACKCHANNEL_LOGOUT_RATE_LIMIT = "ssrguard.oidc.backchannel-logout-rate-limit";
    /** Where the provider sends the browser after its logout, relative to the context path (default {@code /}); register it at the provider. */
    public static final String OIDC_POST_LOGOUT_PATH = "ssrguard.oidc.post-logout-path";
    /** Connect timeout for discovery, JWKS and the token endpoint (default 2 seconds). */
    public static final String OIDC_CONNECT_TIMEOUT = "ssrguard.oidc.connect-timeout";
    /** Read timeout for discovery, JWKS and the token endpoint (default 5 seconds). */
    public static final String OIDC_READ_TIMEOUT = "ssrguard.oidc.read-timeout";
    /** How often discovery and JWKS are re-read in the background (default 1 hour). */
    public static final String OIDC_REFRESH_INTERVAL = "ssrguard.oidc.refresh-interval";
    /** Tolerated clock difference on the ID token's {@code exp}, {@code iat} and {@code nbf} (default 60 seconds). */
    public static final String OIDC_CLOCK_SKEW = "ssrguard.oidc.clock-skew";
    /**
     * Where a browser navigation whose callback is refused is sent (303, with {@code ?error=<code>}), relative to the
     * context path (default: the sign-in page, {@link #GATE_SIGN_IN}); scripts keep the JSON refusal.
     */
    public static final String OIDC_ERROR_PAGE = "ssrguard.oidc.error-page";
}
