package io.ssrguard.auth;

import io.ssrguard.csrf.CsrfProtection;
import io.ssrguard.http.BadRequestException;
import io.ssrguard.http.EndpointServlet;
import io.ssrguard.http.JsonResponses;
import io.ssrguard.http.LogSafe;
import io.ssrguard.http.QueryFlags;
import io.ssrguard.http.RequestBodies;
import io.ssrguard.http.RequestCookies;
import io.ssrguard.refresh.FamilyRef;
import io.ssrguard.refresh.RefreshCookies;
import io.ssrguard.refresh.RefreshStoreUnavailableException;
import io.ssrguard.signin.BrowserRedirects;
import io.ssrguard.signin.SignInMessages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The pack's sign-in endpoints: login, refresh, logout and "who am I", at the paths of
 * {@link AuthSettings}. Registered by the pack at start; applications declare nothing.
 *
 * <p>Login and logout answer two kinds of client: scripts get JSON; an HTML form a browser
 * submitted ({@link BrowserRedirects#isFormPost}) gets a {@code 303} to the next page, because a
 * person would otherwise look at JSON: after a sign-in to {@code returnTo}, after a refused one
 * back to the sign-in page with an error code, after a sign-out to the configured page.
 */
public final class AuthEndpointServlet extends EndpointServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(AuthEndpointServlet.class.getName());
    private static final String SECURITY_LOG = "SSR Guard security event: ";

    private final transient AuthSettings auth;
    private final transient CredentialCheck credentials;
    private final transient SignInSessions sessions;
    private final transient RefreshCookies refreshCookies;
    private final transient CsrfProtection csrf;
    private final transient BrowserRedirects redirects;
    private final transient LoginRequestParser parser = new LoginRequestParser();
    private final transient Map<String, Endpoint> endpoints;

    /**
     * @param credentials how sign-in checks passwords
     * @param sessions    sign-in, refresh and sign-out as cookies
     * @param csrf        issues the fresh CSRF token bound to a new session (or to none, after logout)
     * @param redirects   where form posts send the browser
     */
    public AuthEndpointServlet(AuthSettings auth, CredentialCheck credentials, SignInSessions sessions,
                               RefreshCookies refreshCookies, CsrfProtection csrf, BrowserRedirects redirects) {
        super("sign-in endpoint");
        this.auth = auth;
        this.credentials = credentials;
        this.sessions = sessions;
        this.refreshCookies = refreshCookies;
        this.csrf = csrf;
        this.redirects = redirects;
        this.endpoints = byPath(
                Map.entry(auth.loginPath(), Endpoint.of("POST", this::readLogin)),
                Map.entry(auth.refreshPath(), Endpoint.of("POST", this::refresh)),
                Map.entry(auth.logoutPath(), Endpoint.of("POST", this::logout)),
                Map.entry(auth.mePath(), Endpoint.of("GET", this::me)));
    }

    @Override
    protected Optional<Endpoint> endpoint(String servletPath) {
        return Optional.ofNullable(endpoints.get(servletPath));
    }

    private void readLogin(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // The body arrives without holding this thread; the sign-in runs once it is complete.
        RequestBodies.read(request, response, LoginRequestParser.MAX_BODY_BYTES, auth.bodyTimeout(),
                body -> answer(request, response, () -> login(request, response, body)));
    }

    @Override
    protected void fail(HttpServletRequest request, HttpServletResponse response, RuntimeException e)
            throws IOException {
        if (!SessionEndpointFailures.answered(request, response, e)) {
            super.fail(request, response, e);
        }
    }

    private void login(HttpServletRequest request, HttpServletResponse response, byte[] body)
            throws IOException, BadRequestException {
        boolean form = BrowserRedirects.isFormPost(request);
        LoginRequest login;
        try {
            login = parser.parse(request.getContentType(), body);
        } catch (BadRequestException e) {
            if (form && e.status() == 400) {
                LOG.fine(() -> "form sign-in refused: " + e.getMessage());
                redirects.toSignIn(request, response, SignInMessages.INCOMPLETE, null);
                return;
            }
            throw e;
        }
        Optional<Caller> caller = credentials.check(request, login.username(), login.password());
        if (caller.isEmpty()) {
            LOG.info(() -> SECURITY_LOG + "login failed for user '" + LogSafe.printable(login.username(), 64) + "' from "
                    + request.getRemoteAddr());
            if (form) {
                redirects.toSignIn(request, response, SignInMessages.CREDENTIALS, login.returnTo());
            } else {
                JsonResponses.error(response, 401, "unauthorized");
            }
            return;
        }
        SignInSessions.IssuedSession session;
        try {
            session = sessions.signIn(caller.get(), login.rememberMe(), request.getHeader("User-Agent"));
        } catch (RefreshStoreUnavailableException e) {
            if (!form) {
                throw e;
            }
            LOG.warning("SSR Guard: form sign-in sent back to the sign-in page, the refresh-token store is unavailable: "
                    + e.getMessage());
            redirects.toSignIn(request, response, SignInMessages.UNAVAILABLE, login.returnTo());
            return;
        }
        addCookies(response, session.setCookies());
        // A fresh CSRF token bound to the new session: the pre-login one stops working (no login CSRF).
        csrf.issueFresh(request, response, session.sessionId());
        LOG.info(() -> SECURITY_LOG + "login of '" + caller.get().name() + "' (session "
                + FamilyRef.of(session.sessionId()) + ", remember-me " + login.rememberMe() + ") from "
                + request.getRemoteAddr());
        if (form) {
            redirects.toReturnTo(request, response, login.returnTo());
        } else {
            JsonResponses.write(response, 200, callerJson(caller.get()));
        }
    }

    private void refresh(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String presented = refreshCookies.read(name -> RequestCookies.value(request, name));
        if (presented == null) {
            JsonResponses.error(response, 401, "unauthorized");
            return;
        }
        SignInSessions.RefreshOutcome outcome = sessions.refresh(presented);
        if (outcome instanceof SignInSessions.RefreshOutcome.Refreshed refreshed) {
            addCookies(response, refreshed.session().setCookies());
            JsonResponses.write(response, 200, callerJson(refreshed.session().caller()));
        } else if (outcome instanceof SignInSessions.RefreshOutcome.Refused refused) {
            LOG.fine(() -> "refresh refused: " + refused.reason());
            addCookies(response, refused.clearCookies());
            JsonResponses.error(response, 401, "unauthorized");
        } else {
            LOG.warning("SSR Guard: refresh answered 503: "
                    + ((SignInSessions.RefreshOutcome.Unavailable) outcome).detail());
            JsonResponses.unavailable(response);
        }
    }

    private void logout(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean everywhere = QueryFlags.isTrue(request, "all");
        boolean form = BrowserRedirects.isFormPost(request);
        // Cleared whatever happens next: a 503 from the store carries them too.
        addCookies(response, sessions.clearCookies());
        try {
            sessions.signOut(refreshCookies.read(name -> RequestCookies.value(request, name)), everywhere);
        } catch (RefreshStoreUnavailableException e) {
            if (!form) {
                throw e;
            }
            // The browser has lost its cookies all the same, so it is signed out: no page to retry from.
            LOG.warning("SSR Guard: form sign-out could not end the session in the refresh-token store: "
                    + e.getMessage());
        }
        csrf.issueFresh(request, response, null);
        Object caller = request.getAttribute(RequestAttributes.CALLER);
        if (caller instanceof Caller c) {
            LOG.info(() -> SECURITY_LOG + "logout of '" + c.name() + "'" + (everywhere ? " on every device" : ""));
        }
        if (form) {
            redirects.afterSignOut(request, response);
            return;
        }
        // Ordered, so that the body is byte for byte the same from one start to the next (Map.of's order is not).
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("signedOut", true);
        body.put("everywhere", everywhere);
        JsonResponses.write(response, 200, body);
    }

    private void me(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getAttribute(RequestAttributes.CALLER) instanceof Caller caller) {
            JsonResponses.write(response, 200, callerJson(caller));
        } else {
            JsonResponses.error(response, 401, "unauthorized");
        }
    }

    private static Map<String, Object> callerJson(Caller caller) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", caller.name());
        body.put("groups", caller.groups().stream().sorted().toList());
        return body;
    }

    private static void addCookies(HttpServletResponse response, List<String> setCookies) {
        setCookies.forEach(c -> response.addHeader("Set-Cookie", c));
    }
}
