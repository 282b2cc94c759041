package io.ssrguard.oidc;

import io.ssrguard.auth.Caller;
import io.ssrguard.auth.RequestAttributes;
import io.ssrguard.auth.SignInSessions;
import io.ssrguard.csrf.CsrfProtection;
import io.ssrguard.http.BadRequestException;
import io.ssrguard.http.BrowserNavigation;
import io.ssrguard.http.EndpointServlet;
import io.ssrguard.http.JsonResponses;
import io.ssrguard.http.OriginResolver;
import io.ssrguard.http.QueryFlags;
import io.ssrguard.http.RequestCookies;
import io.ssrguard.http.WebOrigin;
import io.ssrguard.refresh.FamilyRef;
import io.ssrguard.refresh.RefreshCookies;
import io.ssrguard.refresh.RefreshStoreUnavailableException;
import io.ssrguard.signin.BrowserRedirects;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The OpenID Connect endpoints, at the paths of {@link OidcSettings}:
 * <ul>
 *   <li>{@code GET login?returnTo=/path[&rememberMe=true]}: 302 to the provider, with the flow-state cookie;</li>
 *   <li>{@code GET callback}: the provider's redirect; sets the pack's cookies and a fresh CSRF token,
 *       deletes the flow-state cookie, 302 to {@code returnTo};</li>
 *   <li>{@code POST logout[?all=true]}: signs out like the pack's logout and, when configured, answers
 *       the provider's logout URL in {@code providerLogout} for the browser to visit.</li>
 * </ul>
 * Every refusal is one log line and a short JSON error, never a stack trace;
 * a refused callback sets no session cookie and deletes the flow-state cookie. A refused
 * login or callback that a browser navigated to goes to the error page instead
 * ({@link BrowserRedirects#toOidcErrorPage}), which says in words what went wrong.
 */
public final class OidcEndpointServlet extends EndpointServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(OidcEndpointServlet.class.getName());
    private static final String SECURITY_LOG = "SSR Guard security event: ";

    private final transient OidcSignIn signIn;
    private final transient SignInSessions sessions;
    private final transient RefreshCookies refreshCookies;
    private final transient CsrfProtection csrf;
    private final transient OriginResolver origins;
    private final transient BrowserRedirects redirects;
    private final transient Map<String, Endpoint> endpoints;

    public OidcEndpointServlet(OidcSignIn signIn, SignInSessions sessions, RefreshCookies refreshCookies,
                               CsrfProtection csrf, OriginResolver origins, BrowserRedirects redirects) {
        super("OIDC endpoint");
        this.signIn = signIn;
        this.sessions = sessions;
        this.refreshCookies = refreshCookies;
        this.csrf = csrf;
        this.origins = origins;
        this.redirects = redirects;
        OidcSettings settings = signIn.settings();
        this.endpoints = byPath(
                Map.entry(settings.loginPath(), Endpoint.of("GET", this::login)),
                Map.entry(settings.redirectPath(), Endpoint.of("GET", this::callback)),
                Map.entry(settings.logoutPath(), Endpoint.of("POST", this::logout)));
    }

    @Override
    protected Optional<Endpoint> endpoint(String servletPath) {
        return Optional.ofNullable(endpoints.get(servletPath));
    }

    private void login(HttpServletRequest request, HttpServletResponse response) throws IOException, OidcRefusal {
        response.setHeader("Cache-Control", "no-store");
        OidcSignIn.Redirect redirect = signIn.begin(applicationUrl(request), request.getParameter("returnTo"),
                "true".equals(request.getParameter("rememberMe")));
        response.addHeader("Set-Cookie", redirect.setCookie());
        response.setStatus(302);
        response.setHeader("Location", redirect.location().toString());
    }

    private void callback(HttpServletRequest request, HttpServletResponse response) throws IOException, OidcRefusal {
        response.setHeader("Cache-Control", "no-store");
        OidcSignIn.Completed done = signIn.complete(request.getParameterMap(),
                RequestCookies.value(request, signIn.flowCookieName()), request.getHeader("User-Agent"));
        done.setCookies().forEach(c -> response.addHeader("Set-Cookie", c));
        // A fresh CSRF token bound to the new session: the pre-login one stops working (no login CSRF).
        csrf.issueFresh(request, response, done.session().sessionId());
        Caller caller = done.session().caller();
        LOG.info(() -> SECURITY_LOG + "OIDC sign-in of '" + caller.name() + "' with groups " + caller.groups()
                + " (session " + FamilyRef.of(done.session().sessionId()) + ") from " + request.getRemoteAddr());
        response.setStatus(302);
        response.setHeader("Location", request.getContextPath() + done.returnTo());
    }

    private void logout(HttpServletRequest request, HttpServletResponse response) throws IOException, OidcRefusal {
        boolean everywhere = QueryFlags.isTrue(request, "all");
        // Cleared whatever happens next: a 503 from the store carries them too.
        sessions.clearCookies().forEach(c -> response.addHeader("Set-Cookie", c));
        String presented = refreshCookies.read(name -> RequestCookies.value(request, name));
        // The session whose ID token becomes the provider logout's id_token_hint.
        String session = request.getAttribute(RequestAttributes.SESSION_ID) instanceof String sid ? sid : null;
        try {
            if (session == null) {
                session = sessions.sessionOf(presented).orElse(null);
            }
            sessions.signOut(presented, everywhere);
        } catch (RefreshStoreUnavailableException e) {
            throw new OidcRefusal(503, "unavailable", "refresh-token store unavailable: " + e.getMessage(), e);
        }
        csrf.issueFresh(request, response, null);
        if (request.getAttribute(RequestAttributes.CALLER) instanceof Caller c) {
            LOG.info(() -> SECURITY_LOG + "OIDC logout of '" + c.name() + "'" + (everywhere ? " on every device" : ""));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("signedOut", true);
        body.put("everywhere", everywhere);
        Optional<URI> providerLogout = signIn.providerLogout(applicationUrl(request), session);
        providerLogout.ifPresent(uri -> body.put("providerLogout", uri.toString()));
        JsonResponses.write(response, 200, body);
    }

    @Override
    protected void refuse(HttpServletRequest request, HttpServletResponse response, BadRequestException e)
            throws IOException {
        String path = request.getServletPath();
        if (e.status() == 404) {
            super.refuse(request, response, e);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        // A refused client is a security event; a provider or store that fails is an operations one.
        boolean clientFault = e.status() < 500;
        LOG.log(clientFault ? Level.INFO : Level.WARNING, () -> (clientFault ? SECURITY_LOG : "SSR Guard: ") + "OIDC "
                + path + " refused with " + e.status() + " " + e.code() + ": "
                + e.getMessage() + " (from " + request.getRemoteAddr() + ")");
        if (response.isCommitted()) {
            return;
        }
        if (path.equals(signIn.settings().redirectPath())) {
            // A refused callback ends the flow: its cookie cannot be tried again.
            response.addHeader("Set-Cookie", signIn.clearFlowCookie());
        }
        if (e.status() != 405 && !path.equals(signIn.settings().logoutPath()) && BrowserNavigation.is(request)) {
            // A person is looking, not a script: a page that says what went wrong rather than JSON.
            redirects.toOidcErrorPage(request, response, e.code());
            return;
        }
        if (e.status() == 503) {
            response.setHeader("Retry-After", "10");
        }
        JsonResponses.error(response, e.status(), e.code());
    }

    /** The application's public base URL: this site's origin as the browser sees it, plus the context path. */
    private String applicationUrl(HttpServletRequest request) throws OidcRefusal {
        List<WebOrigin> resolved = origins.origins(request);
        if (resolved.isEmpty()) {
            throw new OidcRefusal(400, "bad_request", "cannot tell this site's origin from the request");
        }
        return resolved.get(0) + request.getContextPath();
    }
}
