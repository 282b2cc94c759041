package io.ssrguard.csrf;

import static io.ssrguard.csrf.CsrfFixture.UA;
import static io.ssrguard.csrf.CsrfFixture.post;
import static io.ssrguard.csrf.CsrfFixture.signedIn;
import static io.ssrguard.csrf.CsrfFixture.withClientToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SsrGuardProperties;
import io.ssrguard.http.FakeHttp;
import io.ssrguard.testing.LoggedRecords;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CsrfFilterTest {

    final CsrfFixture f = new CsrfFixture();
    final CsrfFilter filter = new CsrfFilter(f.protection);
    LoggedRecords log;

    @BeforeEach
    void captureLog() {
        log = LoggedRecords.of(CsrfFilter.class);
    }

    @AfterEach
    void releaseLog() {
        log.close();
    }

    /** Runs the filter; returns the response, with {@code passed} telling whether the chain ran. */
    Outcome run(FakeHttp.Request request) throws Exception {
        FakeHttp.Response response = new FakeHttp.Response();
        boolean[] passed = {false};
        filter.doFilter(request.build(), response.build(), (rq, rs) -> passed[0] = true);
        return new Outcome(passed[0], response, request);
    }

    record Outcome(boolean passed, FakeHttp.Response response, FakeHttp.Request request) {
    }

    void assertRefused(Outcome o, CsrfRejection reason) {
        assertFalse(o.passed(), "chain must not run");
        assertEquals(403, o.response().status);
        assertEquals("{\"error\":\"csrf\"}", o.response().bodyText());
        assertEquals("Origin, Sec-Fetch-Site", o.response().header("Vary"));
        List<String> lines = log.messages();
        assertEquals(1, lines.size(), "one log line per refusal: " + lines);
        assertTrue(lines.get(0).contains(": " + reason.code() + " ("), lines.get(0));
    }

    String client(String sid) {
        return f.protection.issuer().fresh(UA, sid).token();
    }

    @Test
    void safeMethodsPassWithoutToken() throws Exception {
        for (String m : List.of("GET", "HEAD", "OPTIONS", "TRACE")) {
            Outcome o = run(new FakeHttp.Request().method(m).path("/api/notes").header("Sec-Fetch-Site", "cross-site"));
            assertTrue(o.passed(), m);
            assertNotNull(o.request().attributes.get(CsrfAttributes.TOKENS), "page tokens on every request");
        }
    }

    @Test
    void unsafeRequestWithoutTokenIsRefused() throws Exception {
        for (String m : List.of("POST", "PUT", "PATCH", "DELETE", "PROPFIND")) {
            log.clear();
            assertRefused(run(post("/api/notes").method(m)), CsrfRejection.MISSING);
        }
    }

    @Test
    void validClientTokenPasses() throws Exception {
        Outcome o = run(withClientToken(post("/api/notes"), client(null)));
        assertTrue(o.passed());
        assertEquals("Origin, Sec-Fetch-Site", o.response().header("Vary"));
        assertTrue(log.messages().isEmpty());
    }

    @Test
    void signedInCallerNeedsATokenOfItsSession() throws Exception {
        assertTrue(run(withClientToken(signedIn(post("/api/notes"), "fam-a"), client("fam-a"))).passed());
        assertRefused(run(withClientToken(signedIn(post("/api/notes"), "fam-a"), client(null))),
                CsrfRejection.SESSION_MISMATCH);
        log.clear();
        assertRefused(run(withClientToken(signedIn(post("/api/notes"), "fam-a"), client("fam-b"))),
                CsrfRejection.SESSION_MISMATCH);
    }

    @Test
    void mismatchedPairAndOtherUserAgentAreRefused() throws Exception {
        assertRefused(run(post("/api/notes").cookie("__Host-ssrguard-csrf", client(null))
                .header("X-XSRF-TOKEN", client(null))), CsrfRejection.COOKIE_HEADER_MISMATCH);
        log.clear();
        assertRefused(run(withClientToken(post("/api/notes"), client(null)).header("User-Agent", "curl/8.0")),
                CsrfRejection.UA_MISMATCH);
    }

    @Test
    void crossSiteIsRefusedEvenWithAValidToken() throws Exception {
        assertRefused(run(withClientToken(post("/api/notes"), client(null)).header("Sec-Fetch-Site", "cross-site")),
                CsrfRejection.CROSS_SITE);
        log.clear();
        FakeHttp.Request foreign = withClientToken(post("/api/notes"), client(null)).header("Origin", "https://evil.example");
        foreign.headers.remove("Sec-Fetch-Site");
        assertRefused(run(foreign), CsrfRejection.CROSS_SITE);
    }

    @Test
    void bearerOnlyRequestsWithAValidTokenNeedNoTokenButAnAuthCookieChangesThat() throws Exception {
        String valid = "Bearer " + CsrfFixture.VALID_BEARER;
        assertTrue(run(post("/api/notes").header("Authorization", valid)).passed());
        assertTrue(run(post("/api/notes").header("Authorization", "bearer " + CsrfFixture.VALID_BEARER)
                .cookie("theme", "dark")).passed(), "unrelated cookies do not count");
        assertRefused(run(post("/api/notes").header("Authorization", valid)
                .cookie("__Host-ssrguard-rt", "r")), CsrfRejection.MISSING);
        log.clear();
        assertRefused(run(post("/api/notes").header("Authorization", "Basic YTpi")), CsrfRejection.MISSING);
    }

    @Test
    void anInvalidBearerTokenIsNoExemption() throws Exception {
        assertRefused(run(post("/api/notes").header("Authorization", "Bearer x")), CsrfRejection.MISSING);
    }

    @Test
    void endpointsThatIssueSessionCookiesAreNeverExempt() throws Exception {
        for (String path : List.of("/auth/login", "/auth/refresh", "/auth/logout")) {
            log.clear();
            assertRefused(run(post(path).header("Authorization", "Bearer " + CsrfFixture.VALID_BEARER)),
                    CsrfRejection.MISSING);
        }
    }

    @Test
    void withBearerAuthenticationOffABearerHeaderIsNoExemption() throws Exception {
        CsrfFixture off = new CsrfFixture(MapSettings.profile("prod"), false);
        FakeHttp.Response response = new FakeHttp.Response();
        boolean[] passed = {false};
        new CsrfFilter(off.protection).doFilter(post("/api/notes").header("Authorization",
                "Bearer " + CsrfFixture.VALID_BEARER).build(), response.build(), (rq, rs) -> passed[0] = true);
        assertFalse(passed[0]);
        assertEquals(403, response.status);
    }

    @Test
    void ssrTokenPassesUntilItsTtl() throws Exception {
        String ssr = f.protection.issuer().ssr(UA, "fam-a");
        assertTrue(run(signedIn(post("/api/notes"), "fam-a").header("X-SSR-CSRF", ssr)).passed());
        f.clock.advance(Duration.ofSeconds(61));
        assertRefused(run(signedIn(post("/api/notes"), "fam-a").header("X-SSR-CSRF", ssr)), CsrfRejection.EXPIRED);
    }

    @Test
    void clientTokenInTheSsrHeaderIsRefused() throws Exception {
        String t = client(null);
        assertRefused(run(withClientToken(post("/api/notes"), t).header("X-SSR-CSRF", t)), CsrfRejection.WRONG_PURPOSE);
    }

    @Test
    void exemptPathsPass() throws Exception {
        assertTrue(run(post("/hooks/payment")).passed());
        assertRefused(run(post("/hooksx")), CsrfRejection.MISSING);
    }

    @Test
    void disabledFilterLetsEverythingThrough() throws Exception {
        CsrfFixture off = new CsrfFixture(MapSettings.profile("prod").with(SsrGuardProperties.CSRF_ENABLED, "false"));
        FakeHttp.Response response = new FakeHttp.Response();
        boolean[] passed = {false};
        new CsrfFilter(off.protection).doFilter(post("/api/notes").header("Sec-Fetch-Site", "cross-site").build(),
                response.build(), (rq, rs) -> passed[0] = true);
        assertTrue(passed[0]);
    }

    @Test
    void logLineNamesTheReasonButNeverTheToken() throws Exception {
        String token = client("fam-a");
        run(withClientToken(post("/api/notes"), token));
        List<String> lines = log.messages();
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).contains("session_mismatch") && lines.get(0).contains("POST /api/notes"), lines.get(0));
        assertFalse(lines.get(0).contains(token.substring(0, 12)), lines.get(0));
        assertFalse(lines.get(0).contains("fam-a"), lines.get(0));
    }

    @Test
    void pageTokensAreMintedOnceAndSetTheCookie() throws Exception {
        Outcome o = run(new FakeHttp.Request().path("/").header("User-Agent", UA));
        CsrfTokens tokens = (CsrfTokens) o.request().attributes.get(CsrfAttributes.TOKENS);
        String t = tokens.getClientToken();
        assertEquals(t, tokens.getClientToken());
        assertEquals(1, o.response().headers("Set-Cookie").size());
        assertTrue(o.response().header("Set-Cookie").startsWith("__Host-ssrguard-csrf=" + t + ";"));
        assertEquals("X-XSRF-TOKEN", tokens.getHeaderName());
        assertEquals("X-SSR-CSRF", tokens.getSsrHeaderName());
        assertFalse(tokens.toString().contains(t));

        // The token a page embedded works for the next unsafe request of that browser.
        assertTrue(run(withClientToken(post("/api/notes"), t)).passed());
        // The in-process SSR token works for the renderer's own call, with the browser's User-Agent.
        assertTrue(run(post("/api/notes").header("X-SSR-CSRF", tokens.getSsrToken())).passed());
    }

    @Test
    void pageTokenReusesTheCookieAlreadyThere() throws Exception {
        String existing = client(null);
        Outcome o = run(new FakeHttp.Request().path("/").header("User-Agent", UA).cookie("__Host-ssrguard-csrf", existing));
        assertEquals(existing, ((CsrfTokens) o.request().attributes.get(CsrfAttributes.TOKENS)).getClientToken());
        assertTrue(o.response().headers("Set-Cookie").isEmpty());
    }

    @Test
    void declaredFilterWithoutProtectionRefusesToStart() {
        CsrfFilter unconfigured = new CsrfFilter(context -> Optional.empty());
        FilterConfig config = (FilterConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {FilterConfig.class}, (p, m, a) -> m.getName().equals("getServletContext")
                        ? Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServletContext.class},
                        (p2, m2, a2) -> null) : null);
        assertThrows(ServletException.class, () -> unconfigured.init(config));
    }
}
