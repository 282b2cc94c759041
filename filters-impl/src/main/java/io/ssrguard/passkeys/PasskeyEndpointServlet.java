package io.ssrguard.passkeys;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.ssrguard.auth.Caller;
import io.ssrguard.auth.RequestAttributes;
import io.ssrguard.auth.RequestRateLimit;
import io.ssrguard.auth.SessionEndpointFailures;
import io.ssrguard.auth.SignInSessions;
import io.ssrguard.auth.SignInThrottle;
import io.ssrguard.auth.TooManyAttemptsException;
import io.ssrguard.cookies.CookieRules;
import io.ssrguard.csrf.CsrfProtection;
import io.ssrguard.http.BadRequestException;
import io.ssrguard.http.EndpointServlet;
import io.ssrguard.http.JsonResponses;
import io.ssrguard.http.OriginResolver;
import io.ssrguard.http.RequestBodies;
import io.ssrguard.http.RequestCookies;
import io.ssrguard.http.WebOrigin;
import io.ssrguard.refresh.FamilyRef;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The passkey endpoints ({@link PasskeyPaths}): JSON in, JSON out, the ceremony's checks in
 * {@link PasskeyCeremonies}. Registration, the list and removal need a signed-in user; sign-in
 * needs nobody and ends exactly as a password sign-in does: {@link SignInSessions#signIn} starts a
 * refresh family, the session cookies are set and a fresh CSRF token bound to the session is issued.
 * The CSRF filter checks every POST here like the login's (no login CSRF with a passkey either).
 */
public final class PasskeyEndpointServlet extends EndpointServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(PasskeyEndpointServlet.class.getName());
    /** A ceremony's response is a few KB; RSA keys and extensions stay well under this. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** The challenge cookie's base name. */
    static final String COOKIE = "ssrguard-passkey";

    private final transient PasskeyCeremonies ceremonies;
    private final transient PasskeySettings settings;
    private final transient SignInSessions sessions;
    private final transient CsrfProtection csrf;
    private final transient OriginResolver origins;
    private final transient CookieRules cookies;
    private final transient Duration bodyTimeout;
    private final transient Optional<SignInThrottle> throttle;
    private final transient RequestRateLimit requests;
    private final transient Clock clock;

    /**
     * @param throttle the guessing protection of password sign-in, when on: a refused passkey sign-in counts
     *                 as a failure of its client address, and a locked-out address gets 429 here too
     * @param requests the limit of ceremony requests ({@link PasskeyPaths#CEREMONY}) per client address
     */
    public PasskeyEndpointServlet(PasskeyCeremonies ceremonies, PasskeySettings settings, SignInSessions sessions,
                                  CsrfProtection csrf, OriginResolver origins, CookieRules cookies, Duration bodyTimeout,
                                  Optional<SignInThrottle> throttle, RequestRateLimit requests, Clock clock) {
        super("passkey");
        this.ceremonies = ceremonies;
        this.settings = settings;
        this.sessions = sessions;
        this.csrf = csrf;
        this.origins = origins;
        this.cookies = cookies;
        this.bodyTimeout = bodyTimeout;
        this.throttle = throttle;
        this.requests = requests;
        this.clock = clock;
    }

    @Override
    protected Optional<Endpoint> endpoint(String servletPath) {
        if (servletPath.equals(PasskeyPaths.LIST)) {
            return Optional.of(Endpoint.of("GET", this::list));
        }
        return PasskeyPaths.ALL.contains(servletPath) ? Optional.of(Endpoint.of("POST", this::readPost)) : Optional.empty();
    }

    private void readPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath();
        if (PasskeyPaths.CEREMONY.contains(path)) {
            admit(request, response);
        }
        RequestBodies.read(request, response, MAX_BODY_BYTES, bodyTimeout,
                body -> answer(request, response, () -> {
                    try {
                        post(request, response, path, json(body));
                    } catch (LinkageError e) {
                        // A library clash with the container's copies (see docs/passkeys.md, Payara): turned into
                        // the base's logged 500, because thrown out of a body read it would end as an empty 200.
                        throw new IllegalStateException("a library the passkey ceremony needs clashes with the container's", e);
                    }
                }));
    }

    @Override
    protected void refuse(HttpServletRequest request, HttpServletResponse response, BadRequestException e)
            throws IOException {
        if (e instanceof PasskeyRefusal) {
            String path = request.getServletPath();
            if (path.equals(PasskeyPaths.SIGN_IN)) {
                throttle.ifPresent(t -> t.failedFromAddress(origins.clientAddress(request)));
            }
            LOG.info(() -> "SSR Guard security event: passkey " + path + " refused from "
                    + origins.clientAddress(request) + ": " + e.getMessage());
            response.addHeader("Set-Cookie", cookies.clearCookie(COOKIE, true, "Strict"));
        }
        super.refuse(request, response, e);
    }

    @Override
    protected void fail(HttpServletRequest request, HttpServletResponse response, RuntimeException e)
            throws IOException {
        if (!SessionEndpointFailures.answered(request, response, e)) {
            super.fail(request, response, e);
        }
    }

    private void post(HttpServletRequest request, HttpServletResponse response, String path, Map<String, Object> body)
            throws IOException, BadRequestException, PasskeyRefusal {
        switch (path) {
            case PasskeyPaths.REGISTER_OPTIONS -> started(response, ceremonies.startRegistration(
                    signedIn(request).name(), rpId(request)));
            case PasskeyPaths.REGISTER -> {
                Caller caller = signedIn(request);
                Passkey passkey = ceremonies.finishRegistration(caller, challengeCookie(request),
                        credential(body), siteOrigins(request), rpId(request), optionalString(body, "label", 64));
                response.addHeader("Set-Cookie", cookies.clearCookie(COOKIE, true, "Strict"));
                JsonResponses.write(response, 201, describe(passkey));
            }
            case PasskeyPaths.REMOVE -> {
                String id = optionalString(body, "id", 1024);
                if (id == null || !ceremonies.remove(signedIn(request).name(), id)) {
                    throw new BadRequestException(404, "not_found", "no such passkey of the signed-in user");
                }
                JsonResponses.write(response, 200, Map.of("removed", true));
            }
            case PasskeyPaths.SIGN_IN_OPTIONS -> {
                String username = optionalString(body, "username", 256);
                refuseLockedOut(request, username);
                started(response, ceremonies.startSignIn(username, rpId(request)));
            }
            case PasskeyPaths.SIGN_IN -> {
                refuseLockedOut(request, null);
                signIn(request, response, body);
            }
            default -> throw new BadRequestException(404, "not_found", "no passkey endpoint at " + path);
        }
    }

    private void signIn(HttpServletRequest request, HttpServletResponse response, Map<String, Object> body)
            throws IOException, BadRequestException, PasskeyRefusal {
        boolean rememberMe = Boolean.TRUE.equals(body.get("rememberMe"));
        Passkey passkey = ceremonies.finishSignIn(challengeCookie(request), credential(body), siteOrigins(request),
                rpId(request));
        Caller caller = new Caller(passkey.username(), passkey.groups());
        SignInSessions.IssuedSession session = sessions.signIn(caller, rememberMe, request.getHeader("User-Agent"));
        response.addHeader("Set-Cookie", cookies.clearCookie(COOKIE, true, "Strict"));
        session.setCookies().forEach(c -> response.addHeader("Set-Cookie", c));
        // A fresh CSRF token bound to the new session, as after a password sign-in.
        csrf.issueFresh(request, response, session.sessionId());
        LOG.info(() -> "SSR Guard security event: passkey sign-in of '" + caller.name() + "' (session "
                + FamilyRef.of(session.sessionId()) + ", remember-me " + rememberMe + ") from "
                + origins.clientAddress(request));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("name", caller.name());
        answer.put("groups", caller.groups().stream().sorted().toList());
        JsonResponses.write(response, 200, answer);
    }

    /**
     * Counts a ceremony request against its client address, before its body is read: a flood costs neither a
     * body read nor a challenge. A refused one ends its connection, as its body stays unread.
     */
    private void admit(HttpServletRequest request, HttpServletResponse response) {
        try {
            requests.admit(origins.clientAddress(request));
        } catch (TooManyAttemptsException e) {
            RequestBodies.closeAfterAnswer(request, response);
            throw e;
        }
    }

    /** A locked-out address (or, username-first, user name) gets no challenge and no sign-in, as with a password. */
    private void refuseLockedOut(HttpServletRequest request, String username) {
        throttle.ifPresent(t -> {
            String address = origins.clientAddress(request);
            Optional<Instant> until = username == null ? t.addressLockedUntil(address) : t.lockedUntil(username, address);
            if (until.isPresent()) {
                throw new TooManyAttemptsException(Duration.between(clock.instant(), until.get()),
                        "passkey sign-in locked out for this address or user name until " + until.get());
            }
        });
    }

    private void list(HttpServletRequest request, HttpServletResponse response) throws IOException, BadRequestException {
        List<Object> list = new ArrayList<>();
        ceremonies.list(signedIn(request).name()).forEach(p -> list.add(describe(p)));
        JsonResponses.write(response, 200, Map.of("passkeys", list));
    }

    private void started(HttpServletResponse response, PasskeyCeremonies.Started started) throws IOException {
        // SameSite=Strict: the finish is a same-origin fetch from the page that asked for the options.
        response.addHeader("Set-Cookie", cookies.setCookie(COOKIE, started.challengeCookie(), settings.challengeTtl(),
                true, "Strict"));
        JsonResponses.write(response, 200, started.options());
    }

    private static Map<String, Object> describe(Passkey p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", p.credentialId());
        json.put("label", p.label());
        json.put("createdAt", p.createdAt().toString());
        json.put("lastUsedAt", p.lastUsedAt() == null ? null : p.lastUsedAt().toString());
        return json;
    }

    private String challengeCookie(HttpServletRequest request) {
        return RequestCookies.value(request, cookies.name(COOKIE));
    }

    private List<WebOrigin> siteOrigins(HttpServletRequest request) {
        return origins.origins(request);
    }

    private String rpId(HttpServletRequest request) throws BadRequestException {
        if (settings.rpId().isPresent()) {
            return settings.rpId().get();
        }
        List<WebOrigin> site = origins.origins(request);
        if (site.isEmpty()) {
            throw new BadRequestException(400, "bad_request", "no origin for this request");
        }
        return site.get(0).host();
    }

    private static Caller signedIn(HttpServletRequest request) throws BadRequestException {
        if (request.getAttribute(RequestAttributes.CALLER) instanceof Caller caller) {
            return caller;
        }
        throw new BadRequestException(401, "unauthorized", "passkey management needs a signed-in user");
    }

    /** The {@code credential} member, as the JSON text webauthn4j parses. */
    private static String credential(Map<String, Object> body) throws BadRequestException {
        Object credential = body.get("credential");
        if (!(credential instanceof Map<?, ?>)) {
            throw new BadRequestException(400, "malformed_body", "body lacks a 'credential' object");
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> map = (Map<String, ?>) credential;
        return JSONObjectUtils.toJSONString(map);
    }

    private static String optionalString(Map<String, Object> body, String name, int maxLength) throws BadRequestException {
        Object value = body.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s) || s.length() > maxLength || s.chars().anyMatch(Character::isISOControl)) {
            throw new BadRequestException(400, "malformed_body", "field '" + name + "' is not a short string");
        }
        return s.isBlank() ? null : s;
    }

    private static Map<String, Object> json(byte[] body) throws BadRequestException {
        if (body.length == 0) {
            return Map.of();
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
            return JSONObjectUtils.parse(text);
        } catch (CharacterCodingException e) {
            throw new BadRequestException(400, "malformed_body", "body is not UTF-8");
        } catch (ParseException e) {
            throw new BadRequestException(400, "malformed_body", "body is not a JSON object");
        }
    }
}
