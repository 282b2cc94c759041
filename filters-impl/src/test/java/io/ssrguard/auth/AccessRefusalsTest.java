package io.ssrguard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsException;
import io.ssrguard.csp.CspAttributes;
import io.ssrguard.gate.GateSettings;
import io.ssrguard.SsrGuardRuntime;
import io.ssrguard.testing.MutableClock;
import io.ssrguard.http.FakeHttp;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Constrained resources refuse the same way through every adapter: navigations without a caller go
 * to the gate's sign-in location, scripts get the JSON 401, and the 401/403 error page answers
 * navigations with HTML and everything else with JSON.
 */
class AccessRefusalsTest {

    final AccessRefusals refusals = AccessRefusals.load(MapSettings.profile("test").reader(),
            GateSettings.load(MapSettings.profile("test").reader(), Set.of("/auth/login"),
                    new io.ssrguard.signin.SignInLocation("/sign-in")).signInRedirect());

    static FakeHttp.Request navigation(String path) {
        return new FakeHttp.Request().path(path).header("Sec-Fetch-Mode", "navigate")
                .header("Accept", "text/html,*/*;q=0.8");
    }

    static FakeHttp.Request xhr(String path) {
        return new FakeHttp.Request().path(path).header("Sec-Fetch-Mode", "cors").header("Accept", "application/json");
    }

    @Test
    void anAnonymousNavigationGoesToTheGatesSignInWithTheWayBack() throws Exception {
        FakeHttp.Response response = new FakeHttp.Response();
        refusals.refuseAnonymous(navigation("/admin/users").build(), response.build());
        assertEquals(302, response.status);
        assertEquals("/sign-in?returnTo=%2Fadmin%2Fusers", response.header("Location"));
        assertEquals("no-store", response.header("Cache-Control"));
    }

    @Test
    void anAnonymousScriptGetsTheJson401() throws Exception {
        FakeHttp.Response response = new FakeHttp.Response();
        refusals.refuseAnonymous(xhr("/admin/users").build(), response.build());
        assertEquals(401, response.status);
        assertEquals("{\"error\":\"unauthorized\"}", response.bodyText());
        assertEquals(null, response.header("Location"));
    }

    @Test
    void aMissingRoleIsTheContainers403SoThatTheErrorPageAnswers() throws Exception {
        FakeHttp.Response response = new FakeHttp.Response();
        refusals.refuseWithoutRole(response.build());
        assertEquals(403, response.status);
        assertEquals("", response.bodyText(), "the body is the error page's");
    }

    @Test
    void theForbiddenPageMustBeAPath() {
        SettingsException e = assertThrows(SettingsException.class, () -> AccessRefusals.load(
                MapSettings.profile("test").with("ssrguard.auth.forbidden-page", "errors/403.html").reader(),
                refusals.signIn()));
        assertTrue(e.getMessage().contains("ssrguard.auth.forbidden-page"), e.getMessage());
        assertEquals(Optional.of("/errors/403.html"), AccessRefusals.load(MapSettings.profile("test")
                .with("ssrguard.auth.forbidden-page", "/errors/403.html").reader(), refusals.signIn()).forbiddenPage());
    }

    @Test
    void theMechanismRedirectsAnAnonymousNavigationToAProtectedResourceAndRefusesScriptsWith401() throws Exception {
        SsrGuardRuntime runtime = SsrGuardRuntime.start(MapSettings.profile("dev")
                        .with("ssrguard.gate.sign-in", "/sign-in").reader(), "", new MutableClock(),
                getClass().getClassLoader(), name -> null, Set.of(), Optional.empty());
        runtime.stop();
        CookieAuthenticationMechanism mechanism = new CookieAuthenticationMechanism(runtime.authentication(),
                runtime.headers(), runtime.refusals());
        List<String> redirects = new ArrayList<>();

        FakeHttp.Response page = new FakeHttp.Response();
        AuthenticationStatus status = mechanism.validateRequest(navigation("/api/admin").build(), page.build(),
                messageContext(true, redirects));
        assertEquals(AuthenticationStatus.SEND_CONTINUE, status);
        assertEquals(List.of("/sign-in?returnTo=%2Fapi%2Fadmin"), redirects);
        assertEquals("no-store", page.header("Cache-Control"));

        FakeHttp.Response script = new FakeHttp.Response();
        assertEquals(AuthenticationStatus.SEND_FAILURE,
                mechanism.validateRequest(xhr("/api/admin").build(), script.build(), messageContext(true, redirects)));
        assertEquals(401, script.status);
        assertEquals("{\"error\":\"unauthorized\"}", script.bodyText());

        assertEquals(AuthenticationStatus.NOT_DONE, mechanism.validateRequest(navigation("/").build(),
                new FakeHttp.Response().build(), messageContext(false, redirects)), "a public page is not redirected");
        assertEquals(1, redirects.size());
    }

    @Test
    void theErrorPageAnswersNavigationsWithHtmlAndScriptsWithJson() throws Exception {
        RefusalServlet servlet = new RefusalServlet(refusals);

        FakeHttp.Response page = new FakeHttp.Response();
        servlet.service(errorDispatch(navigation("/ssrguard/refused"), 403, "/api/admin")
                .attribute(CspAttributes.NONCE, "n0nce").build(), page.build());
        assertEquals(403, page.status);
        assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
        assertEquals("no-store", page.header("Cache-Control"));
        assertTrue(page.bodyText().contains("<h1>Access denied</h1>"), page.bodyText());
        assertTrue(page.bodyText().contains("<style nonce=\"n0nce\">"), "styles allowed by the page's CSP nonce");
        assertTrue(page.bodyText().contains("href=\"/sign-in?returnTo=%2Fapi%2Fadmin\""), page.bodyText());
        assertFalse(page.bodyText().contains("role") || page.bodyText().contains("Exception"), "nothing about roles, no trace");

        FakeHttp.Response json = new FakeHttp.Response();
        servlet.service(errorDispatch(xhr("/ssrguard/refused"), 403, "/api/admin").build(), json.build());
        assertEquals(403, json.status);
        assertEquals("{\"error\":\"forbidden\"}", json.bodyText());

        FakeHttp.Response signIn = new FakeHttp.Response();
        servlet.service(errorDispatch(navigation("/ssrguard/refused"), 401, "/reports").build(), signIn.build());
        assertEquals(401, signIn.status);
        assertTrue(signIn.bodyText().contains("<a href=\"/sign-in?returnTo=%2Freports\">Sign in</a>"), signIn.bodyText());
        assertTrue(signIn.bodyText().contains("<style>"), "no nonce without the pack's CSP");

        FakeHttp.Response unauthorized = new FakeHttp.Response();
        servlet.service(errorDispatch(xhr("/ssrguard/refused"), 401, "/reports").build(), unauthorized.build());
        assertEquals("{\"error\":\"unauthorized\"}", unauthorized.bodyText());
    }

    @Test
    void theErrorPageAskedDirectlyOrForAnotherCodeIsAnUnknownPath() throws Exception {
        RefusalServlet servlet = new RefusalServlet(refusals);
        FakeHttp.Response direct = new FakeHttp.Response();
        servlet.service(navigation("/ssrguard/refused").build(), direct.build());
        assertEquals(404, direct.status);
        FakeHttp.Response other = new FakeHttp.Response();
        servlet.service(errorDispatch(navigation("/ssrguard/refused"), 500, "/x").build(), other.build());
        assertEquals(404, other.status);
        assertEquals("", other.bodyText());
    }

    static FakeHttp.Request errorDispatch(FakeHttp.Request request, int status, String refusedUri) {
        request.dispatcherType = DispatcherType.ERROR;
        return request.attribute(RequestDispatcher.ERROR_STATUS_CODE, status)
                .attribute(RequestDispatcher.ERROR_REQUEST_URI, refusedUri);
    }

    static HttpMessageContext messageContext(boolean protectedResource, List<String> redirects) {
        return (HttpMessageContext) Proxy.newProxyInstance(AccessRefusalsTest.class.getClassLoader(),
                new Class<?>[] {HttpMessageContext.class}, (p, m, args) -> switch (m.getName()) {
                    case "isProtected" -> protectedResource;
                    case "doNothing" -> AuthenticationStatus.NOT_DONE;
                    case "redirect" -> {
                        redirects.add((String) args[0]);
                        yield AuthenticationStatus.SEND_CONTINUE;
                    }
                    default -> throw new UnsupportedOperationException("fake message context: " + m.getName());
                });
    }
}
