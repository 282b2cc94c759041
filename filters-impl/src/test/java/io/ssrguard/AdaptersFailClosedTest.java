package io.ssrguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.auth.AuthFilter;
import io.ssrguard.auth.CookieAuthenticationMechanism;
import io.ssrguard.config.MapSettings;
import io.ssrguard.csp.ContentSecurityPolicyFilter;
import io.ssrguard.csrf.CsrfFilter;
import io.ssrguard.gate.GateFilter;
import io.ssrguard.guard.GuardFilter;
import io.ssrguard.headers.HeadersFilter;
import io.ssrguard.http.FakeHttp;
import io.ssrguard.testing.LoggedRecords;
import io.ssrguard.testing.MutableClock;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * Every adapter finds its collaborators once, at its start, in what the
 * composition root published; without them (the pack's initializer did not
 * run, as with {@code <absolute-ordering/>} in web.xml) it refuses instead of
 * letting requests through.
 */
class AdaptersFailClosedTest {

    static List<Filter> declaredFilters() {
        return List.of(new HeadersFilter(), new AuthFilter(), new GateFilter(), new GuardFilter(),
                new ContentSecurityPolicyFilter(), new CsrfFilter());
    }

    static HttpMessageContext messageContext(boolean protectedResource) {
        return (HttpMessageContext) Proxy.newProxyInstance(AdaptersFailClosedTest.class.getClassLoader(),
                new Class<?>[] {HttpMessageContext.class}, (p, m, args) -> switch (m.getName()) {
                    case "isProtected" -> protectedResource;
                    case "doNothing" -> AuthenticationStatus.NOT_DONE;
                    case "notifyContainerAboutLogin" -> AuthenticationStatus.SUCCESS;
                    default -> throw new UnsupportedOperationException("fake message context: " + m.getName());
                });
    }

    @Test
    void everyDeclaredFilterRefusesToStartWhenThePackDidNotStart() {
        ServletContext empty = FakeHttp.context(new HashMap<>());
        for (Filter filter : declaredFilters()) {
            ServletException e = assertThrows(ServletException.class, () -> filter.init(FakeHttp.filterConfig(empty, "ssrguard")),
                    filter.getClass().getSimpleName());
            assertTrue(e.getMessage().contains("did not start"), e.getMessage());
        }
    }

    @Test
    void everyDeclaredFilterFindsItsCollaboratorsInWhatThePackPublished() throws Exception {
        Map<String, Object> attributes = new HashMap<>();
        SsrGuardRuntime runtime = SsrGuardRuntime.start(MapSettings.profile("dev").reader(), "", new MutableClock(),
                getClass().getClassLoader(), name -> null, Set.of(), Optional.empty());
        try {
            runtime.attachTo(FakeHttp.context(attributes));
            for (Filter filter : declaredFilters()) {
                filter.init(FakeHttp.filterConfig(FakeHttp.context(attributes), "ssrguard"));
                // In dev every feature is off: each filter lets the request through, untouched.
                FakeHttp.Request request = new FakeHttp.Request().path("/internal/x");
                FakeHttp.Response response = new FakeHttp.Response();
                boolean[] passed = {false};
                filter.doFilter(request.build(), response.build(), (rq, rs) -> passed[0] = true);
                assertTrue(passed[0], filter.getClass().getSimpleName());
                assertEquals(200, response.status);
            }
        } finally {
            runtime.stop();
        }
    }

    @Test
    void theMechanismRefusesEveryRequestWith503WhenThePackDidNotStartAndSaysWhyOnce() {
        try (LoggedRecords log = LoggedRecords.of(CookieAuthenticationMechanism.class)) {
            CookieAuthenticationMechanism mechanism = new CookieAuthenticationMechanism();
            ServletContext empty = FakeHttp.context(new HashMap<>());
            for (boolean protectedResource : new boolean[] {false, true, false}) {
                FakeHttp.Request request = new FakeHttp.Request().path("/health");
                request.context = empty;
                FakeHttp.Response response = new FakeHttp.Response();
                AuthenticationStatus status = mechanism.validateRequest(request.build(), response.build(),
                        messageContext(protectedResource));
                assertEquals(AuthenticationStatus.SEND_FAILURE, status, "never anonymous, never a pass");
                assertEquals(503, response.status);
                assertEquals("{\"error\":\"unavailable\"}", response.bodyText());
            }
            List<LogRecord> severe = log.records().stream().filter(r -> r.getLevel() == Level.SEVERE).toList();
            assertEquals(1, severe.size(), "one SEVERE line, not one per request");
            assertTrue(severe.get(0).getMessage().contains("absolute-ordering"), severe.get(0).getMessage());
        }
    }

    @Test
    void theMechanismFindsItsCollaboratorsOnceAndAuthenticates() {
        Map<String, Object> attributes = new HashMap<>();
        SsrGuardRuntime runtime = SsrGuardRuntime.start(MapSettings.profile("dev").reader(), "", new MutableClock(),
                getClass().getClassLoader(), name -> null, Set.of(), Optional.empty());
        try {
            runtime.attachTo(FakeHttp.context(attributes));
            CookieAuthenticationMechanism mechanism = new CookieAuthenticationMechanism();
            FakeHttp.Request anonymous = new FakeHttp.Request().path("/api/profile");
            anonymous.context = FakeHttp.context(attributes);
            FakeHttp.Response unauthorized = new FakeHttp.Response();
            assertEquals(AuthenticationStatus.SEND_FAILURE,
                    mechanism.validateRequest(anonymous.build(), unauthorized.build(), messageContext(true)));
            assertEquals(401, unauthorized.status);

            // Found once: the attributes disappearing later changes nothing.
            attributes.clear();
            FakeHttp.Request open = new FakeHttp.Request().path("/health");
            open.context = FakeHttp.context(attributes);
            assertEquals(AuthenticationStatus.NOT_DONE,
                    mechanism.validateRequest(open.build(), new FakeHttp.Response().build(), messageContext(false)));
        } finally {
            runtime.stop();
        }
    }

    @Test
    void offFeaturesArePublishedAsOffObjectsNotLeftOut() {
        Map<String, Object> attributes = new HashMap<>();
        SsrGuardRuntime runtime = SsrGuardRuntime.start(MapSettings.profile("dev").reader(), "", new MutableClock(),
                getClass().getClassLoader(), name -> null, Set.of(), Optional.empty());
        try {
            runtime.attachTo(FakeHttp.context(attributes));
            assertFalse(runtime.gate().enabled());
            assertFalse(runtime.guard().enabled());
            assertSame(runtime.gate(), attributes.get(io.ssrguard.gate.SiteGate.ATTRIBUTE));
            assertSame(runtime.guard(), attributes.get(io.ssrguard.guard.InternalGuard.ATTRIBUTE));
            assertSame(runtime.headers(), attributes.get(io.ssrguard.headers.ResponseHeaders.ATTRIBUTE));
            assertSame(runtime.authentication(), attributes.get(io.ssrguard.auth.RequestAuthentication.ATTRIBUTE));
        } finally {
            runtime.stop();
        }
    }
}
