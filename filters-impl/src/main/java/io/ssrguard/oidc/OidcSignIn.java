package io.ssrguard.oidc;

import static io.ssrguard.config.SsrGuardProperties.OIDC_ENABLED;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import io.ssrguard.auth.Caller;
import io.ssrguard.auth.SignInSessions;
import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.cookies.CookieRules;
import io.ssrguard.http.LogSafe;
import io.ssrguard.http.ReturnPath;
import io.ssrguard.keys.EncryptionKeys;
import io.ssrguard.refresh.FamilyRef;
import io.ssrguard.refresh.RefreshStoreUnavailableException;
import io.ssrguard.refresh.RevocationReason;
import io.ssrguard.refresh.StoredRefreshFamilies;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Logger;

/**
 * OpenID Connect sign-in, from the redirect to the provider to the pack's own
 * cookies: the core behind {@link OidcEndpointServlet}, free of the Servlet API.
 *
 * <p>{@link #begin} creates {@code state}, {@code nonce} and a PKCE verifier,
 * seals them with {@code returnTo} into the flow-state cookie and answers the
 * provider URL. {@link #complete} opens that cookie, checks {@code state} in
 * constant time and refuses a replay, exchanges the code, validates the ID
 * token, maps the caller, and starts a new refresh family through
 * {@link SignInSessions} exactly as a password sign-in does.
 */
public final class OidcSignIn {

    /** The first step's answer: where to send the browser and the flow-state cookie to set. */
    public record Redirect(URI location, String setCookie) {
    }

    /**
     * A completed sign-in.
     *
     * @param session    the new session (its {@code Set-Cookie} values included)
     * @param returnTo   where the browser goes now, relative to the context path
     * @param setCookies the session cookies and the deletion of the flow-state cookie
     */
    public record Completed(SignInSessions.IssuedSession session, String returnTo, List<String> setCookies) {
        public Completed {
            setCookies = List.copyOf(setCookies);
        }
    }

    private static final Logger LOG = Logger.getLogger(OidcSignIn.class.getName());
    private static final int RANDOM_BYTES = 32;

    private final OidcSettings settings;
    private final ProviderDiscovery discovery;
    private final OidcClient client;
    private final IdTokenCheck idTokens;
    private final ClaimMapping claims;
    private final FlowStateCodec flows;
    private final ConsumedFlows consumed;
    private final CookieRules cookies;
    private final SignInSessions sessions;
    private final ProviderSessions providerSessions;
    private final Duration sessionRetention;
    private final StoredRefreshFamilies families;
    private final BackChannelLogout backChannelLogout;
    private final Clock clock;
    private final SecureRandom random;

    /**
     * @param providerSessions  where each family's provider session (sid, sub, ID token) is kept
     * @param sessionRetention  how long a provider session is kept at most: the longest family lifetime
     * @param families          the refresh families, to undo a sign-in whose provider session could not be kept
     * @param backChannelLogout the back-channel logout core, over the same provider and provider sessions
     */
    public OidcSignIn(OidcSettings settings, ProviderDiscovery discovery, OidcClient client, IdTokenCheck idTokens,
                      ClaimMapping claims, FlowStateCodec flows, ConsumedFlows consumed, CookieRules cookies,
                      SignInSessions sessions, ProviderSessions providerSessions, Duration sessionRetention,
                      StoredRefreshFamilies families, BackChannelLogout backChannelLogout, Clock clock,
                      SecureRandom random) {
        this.settings = settings;
        this.discovery = discovery;
        this.client = client;
        this.idTokens = idTokens;
        this.claims = claims;
        this.flows = flows;
        this.consumed = consumed;
        this.cookies = cookies;
        this.sessions = sessions;
        this.providerSessions = providerSessions;
        this.sessionRetention = sessionRetention;
        this.families = families;
        this.backChannelLogout = backChannelLogout;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Builds OIDC sign-in from settings when it is on, and schedules the first
     * provider load on {@code background}.
     *
     * @param oidc             its settings, loaded by the caller (which needs its endpoint paths before this starts)
     * @param settings         the configuration, for the flow-state keys
     * @param providerSessions where the provider sessions of families are kept (beside the refresh store)
     * @param sessionRetention the longest family lifetime
     * @param families         the refresh families, which back-channel logout ends
     * @return empty when {@code ssrguard.oidc.enabled} is false
     * @throws SettingsException naming the property, when a setting is missing or malformed
     */
    public static OidcSignIn start(OidcSettings oidc, SettingsReader settings, CookieRules cookies,
                                             SignInSessions sessions, ProviderSessions providerSessions,
                                             Duration sessionRetention, StoredRefreshFamilies families, Clock clock,
                                             SecureRandom random, ScheduledExecutorService background) {
        EncryptionKeys keys = flowKeys(settings, random);
        ProviderDiscovery discovery = new ProviderDiscovery(oidc, clock);
        BackChannelLogout backChannel = new BackChannelLogout(discovery,
                new LogoutTokenCheck(oidc.issuer().toString(), oidc.clientId(), oidc.clockSkew(), clock),
                new SeenLogoutTokens(SeenLogoutTokens.DEFAULT_CAPACITY, clock), providerSessions, families);
        OidcSignIn signIn = new OidcSignIn(oidc, discovery, new OidcClient(oidc),
                new IdTokenCheck(oidc.issuer().toString(), oidc.clientId(), oidc.clockSkew()),
                new ClaimMapping(oidc.usernameClaim(), oidc.groupsClaim()),
                new FlowStateCodec(keys, oidc.stateTtl(), clock, random), new ConsumedFlows(oidc.stateTtl(), clock),
                cookies, sessions, providerSessions, sessionRetention, families, backChannel, clock, random);
        discovery.start(background);
        LOG.info(() -> "SSR Guard OIDC: sign-in through " + oidc.issuer() + " as client '" + oidc.clientId() + "' ("
                + oidc.clientAuth().setting() + "), endpoints " + oidc.loginPath() + " and "
                + oidc.redirectPath() + ", back-channel logout at " + oidc.backChannelLogoutPath()
                + "; the provider loads in the background");
        return signIn;
    }

    /**
     * The flow-state cookie is encrypted with the CSRF keys (under its own associated
     * data), because every node of a cluster must open what another sealed.
     */
    private static EncryptionKeys flowKeys(SettingsReader settings, SecureRandom random) {
        return EncryptionKeys.forSharedCookie(settings, OIDC_ENABLED, "the sign-in flow cookie", random);
    }

    public OidcSettings settings() {
        return settings;
    }

    /** The back-channel logout core, for its endpoint. */
    public BackChannelLogout backChannelLogout() {
        return backChannelLogout;
    }

    /** Whether the provider's configuration has loaded, so that sign-in can start. */
    public boolean ready() {
        return discovery.current().isPresent();
    }

    /** The flow-state cookie's name on the wire. */
    public String flowCookieName() {
        return cookies.name(settings.cookieName());
    }

    /** A {@code Set-Cookie} value deleting the flow-state cookie. */
    public String clearFlowCookie() {
        return cookies.clearCookie(settings.cookieName(), true, "Lax");
    }

    /**
     * Starts a sign-in.
     *
     * @param applicationUrl the application's public base URL (origin and context path, no trailing slash)
     * @param returnTo       the requested {@code returnTo}, or {@code null} for the configured default
     * @throws OidcRefusal 400 {@code invalid_return_to} for anything but a path inside the application,
     *                     503 {@code provider_unavailable} while the provider has not loaded
     */
    public Redirect begin(String applicationUrl, String returnTo, boolean rememberMe) throws OidcRefusal {
        String target = returnTo == null ? settings.defaultReturnTo() : ReturnPath.parse(returnTo)
                .orElseThrow(() -> new OidcRefusal(400, "invalid_return_to", "returnTo is not a path inside the"
                        + " application: '" + LogSafe.printable(returnTo, 80) + "'"));
        DiscoveredProvider provider = provider();
        FlowState flow = new FlowState(randomToken(), randomToken(), randomToken(), target,
                applicationUrl + settings.redirectPath(), rememberMe, clock.instant());
        // SameSite=Lax: the callback is a top-level navigation from the provider's site, which carries Lax cookies.
        String cookie = cookies.setCookie(settings.cookieName(), flows.seal(flow), settings.stateTtl(), true, "Lax");
        return new Redirect(client.authorizationUri(provider, flow), cookie);
    }

    /**
     * Completes a sign-in from the provider's callback.
     *
     * @param parameters the callback's query parameters
     * @param flowCookie the flow-state cookie's value, or {@code null}
     * @param device     the User-Agent, recorded with the new refresh family
     * @throws OidcRefusal a 4xx for a missing, expired or foreign flow, a wrong {@code state}, a replay,
     *                     an error from the provider, a refused code or an invalid ID token; 502/503
     *                     when the provider or the refresh-token store fails
     */
    public Completed complete(Map<String, String[]> parameters, String flowCookie, String device) throws OidcRefusal {
        FlowState flow = flows.open(flowCookie);
        String state = single(parameters, "state");
        if (state == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                flow.state().getBytes(StandardCharsets.UTF_8))) {
            throw new OidcRefusal(400, "invalid_state", "callback state does not match this browser's flow");
        }
        String error = single(parameters, "error");
        if (error != null) {
            String description = single(parameters, "error_description");
            throw new OidcRefusal(400, "provider_refused", "the provider answered error '" + LogSafe.printable(error, 80) + "'"
                    + (description == null ? "" : " (" + LogSafe.printable(description, 80) + ")"));
        }
        String issuer = single(parameters, "iss");
        if (issuer != null && !issuer.equals(settings.issuer().toString())) {
            // RFC 9207: a response from another provider (mix-up attack).
            throw new OidcRefusal(400, "invalid_issuer", "callback iss '" + LogSafe.printable(issuer, 80) + "' is not the configured issuer");
        }
        String code = single(parameters, "code");
        if (code == null) {
            throw new OidcRefusal(400, "invalid_callback", "callback without a code");
        }
        if (!consumed.consume(flow.state())) {
            throw new OidcRefusal(400, "invalid_flow", "callback replayed: this flow already completed");
        }
        DiscoveredProvider provider = provider();
        JWT idToken = client.exchange(provider, code, flow);
        JWTClaimsSet verified = idTokens.validate(idToken, flow.nonce(), provider,
                () -> discovery.reloadKeys().orElse(provider));
        Caller caller = claims.caller(verified);
        SignInSessions.IssuedSession session;
        try {
            session = sessions.signIn(caller, flow.rememberMe(), device);
        } catch (RefreshStoreUnavailableException e) {
            throw new OidcRefusal(503, "unavailable", "refresh-token store unavailable: " + e.getMessage(), e);
        }
        recordProviderSession(session.sessionId(), verified, idToken.serialize());
        List<String> setCookies = new ArrayList<>(session.setCookies());
        setCookies.add(clearFlowCookie());
        return new Completed(session, flow.returnTo(), setCookies);
    }

    /**
     * Keeps the provider session a new family came from (server-side, never in a cookie), so that
     * back-channel logout finds the family and sign-out can send {@code id_token_hint}. Without it
     * the provider could end the session and the family live on: if it cannot be kept, the new
     * family is revoked and the sign-in answers 503.
     */
    private void recordProviderSession(String familyId, JWTClaimsSet verified, String idToken) throws OidcRefusal {
        Object sid = verified.getClaim("sid");
        ProviderSession session = new ProviderSession(familyId, sid instanceof String s ? s : null,
                verified.getSubject(), idToken, clock.instant().plus(sessionRetention));
        boolean ended;
        try {
            providerSessions.record(session);
            // After recording: a logout token for this provider session that arrived while the code was being
            // exchanged found no family to end; it left a note (BackChannelLogout), which this reads.
            Instant issuedAt = verified.getIssueTime() == null ? clock.instant() : verified.getIssueTime().toInstant();
            ended = providerSessions.endedBefore(session, issuedAt);
        } catch (RefreshStoreUnavailableException e) {
            undo(familyId, RevocationReason.SIGNED_OUT, "whose provider session was not kept");
            throw new OidcRefusal(503, "unavailable", "provider-session store unavailable: " + e.getMessage(), e);
        }
        if (ended) {
            undo(familyId, RevocationReason.PROVIDER_LOGOUT, "whose provider session had ended");
            throw new OidcRefusal(400, "provider_session_ended", "the provider ended this session (back-channel "
                    + "logout) while the sign-in was completing");
        }
    }

    /** The sign-in is undone: its family revoked, its cookies never sent (so even a failed revocation leaves no holder). */
    private void undo(String familyId, RevocationReason reason, String why) {
        try {
            families.revoke(familyId, reason);
            providerSessions.forget(familyId);
        } catch (RefreshStoreUnavailableException again) {
            LOG.warning(() -> "SSR Guard OIDC: could not revoke family " + FamilyRef.of(familyId) + " " + why + ": "
                    + again.getMessage());
        }
    }

    /**
     * Forgets the signed-out family's provider session and answers where the browser ends the
     * provider session (RP-initiated logout), when {@code ssrguard.oidc.provider-logout} is on and
     * the provider has an end-session endpoint; with the ID token kept at sign-in as
     * {@code id_token_hint}, so that the provider ends its session without asking the user to confirm.
     *
     * @param applicationUrl the application's public base URL, for the post-logout redirect
     * @param familyId       the family being signed out, or {@code null} when unknown
     */
    public Optional<URI> providerLogout(String applicationUrl, String familyId) {
        Optional<String> hint = Optional.empty();
        if (familyId != null) {
            // Read (when needed) and forgotten either way: the family has just been signed out.
            try {
                hint = settings.providerLogout() ? providerSessions.idToken(familyId) : Optional.empty();
                providerSessions.forget(familyId);
            } catch (RefreshStoreUnavailableException e) {
                // The pack's session has already ended; the provider will just ask the user to confirm.
                LOG.warning(() -> "SSR Guard OIDC: the signed-out session's ID token could not be read or"
                        + " forgotten (the purge will forget it): " + e.getMessage());
            }
        }
        if (!settings.providerLogout()) {
            return Optional.empty();
        }
        Optional<JWT> idTokenHint = hint.flatMap(OidcSignIn::parsed);
        return discovery.current().flatMap(DiscoveredProvider::endSessionEndpoint)
                .map(end -> client.logoutUri(end, URI.create(applicationUrl + settings.postLogoutPath()),
                        idTokenHint.orElse(null)));
    }

    private static Optional<JWT> parsed(String idToken) {
        try {
            return Optional.of(JWTParser.parse(idToken));
        } catch (java.text.ParseException e) {
            return Optional.empty();
        }
    }

    private DiscoveredProvider provider() throws OidcRefusal {
        return discovery.current().orElseThrow(() -> new OidcRefusal(503, "provider_unavailable",
                "the provider's configuration has not loaded yet"));
    }

    /** 256 bits, base64url: a valid PKCE verifier (43 unreserved characters) and an unguessable state and nonce. */
    private String randomToken() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The one value of a parameter; {@code null} when absent. Repeated parameters are refused as ambiguous. */
    private static String single(Map<String, String[]> parameters, String name) throws OidcRefusal {
        String[] values = parameters.get(name);
        if (values == null || values.length == 0) {
            return null;
        }
        if (values.length > 1) {
            throw new OidcRefusal(400, "invalid_callback", "callback parameter '" + name + "' repeated");
        }
        return values[0].isEmpty() ? null : values[0];
    }
}
