package io.ssrguard.csp;

import io.ssrguard.http.FakeHttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SsrGuardProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContentSecurityPolicyFilterTest {

    private static final Pattern NONCE = Pattern.compile("'nonce-([A-Za-z0-9+/=]+)'");

    private final RecordingScheduler scheduler = new RecordingScheduler();

    @AfterEach
    void shutdown() {
        scheduler.shutdownNow();
    }

    private CspProtection csp(MapSettings settings) {
        // Off, there are no settings to start with: the feature starts as it does at deployment, off.
        return CspSettings.load(settings.reader(), "")
                .map(cs -> CspProtection.start(cs, new ScriptedSource().serving("default-src 'self'; script-src 'self'",
                        null), Clock.systemUTC(), scheduler, new SecureRandom()))
                .orElseGet(() -> CspProtection.start(settings.reader(), "", Clock.systemUTC(), name -> {
                    throw new AssertionError("no lookup when off");
                }));
    }

    /** Runs one request through the filter; returns the nonce attribute the application saw. */
    private static String run(ContentSecurityPolicyFilter filter, FakeHttp.Request request,
                                FakeHttp.Response response) throws Exception {
        AtomicReference<Object> nonceSeenByApp = new AtomicReference<>();
        FilterChain app = (req, res) -> nonceSeenByApp.set(req.getAttribute(CspAttributes.NONCE));
        filter.doFilter(request.build(), response.build(), app);
        return (String) nonceSeenByApp.get();
    }

    @Test
    void pageGetsANonceAttributeAndTheSameNonceInExactlyOneHeader() throws Exception {
        ContentSecurityPolicyFilter filter = new ContentSecurityPolicyFilter(csp(MapSettings.profile("prod")));
        FakeHttp.Response response = new FakeHttp.Response();
        String nonce = run(filter, new FakeHttp.Request(), response);

        List<String> headers = response.headers("Content-Security-Policy");
        assertEquals(1, headers.size(), headers.toString());
        Matcher m = NONCE.matcher(headers.get(0));
        assertTrue(m.find(), headers.get(0));
        assertEquals(nonce, m.group(1));
        assertEquals(16, Base64.getDecoder().decode(nonce).length, "128 random bits");
        assertEquals("default-src 'self'; script-src 'self' 'nonce-" + nonce + "'; style-src 'self' 'nonce-" + nonce + "'",
                headers.get(0));
        assertEquals(List.of(), response.headers("Content-Security-Policy-Report-Only"));
    }

    @Test
    void everyRequestGetsADifferentNonce() throws Exception {
        ContentSecurityPolicyFilter filter = new ContentSecurityPolicyFilter(csp(MapSettings.profile("prod")));
        String first = run(filter, new FakeHttp.Request(), new FakeHttp.Response());
        String second = run(filter, new FakeHttp.Request(), new FakeHttp.Response());
        assertNotEquals(first, second);
    }

    @Test
    void secondPassForTheSameRequestKeepsItsNonceAndStillOneHeader() throws Exception {
        ContentSecurityPolicyFilter filter = new ContentSecurityPolicyFilter(csp(MapSettings.profile("prod")));
        FakeHttp.Request request = new FakeHttp.Request();
        FakeHttp.Response response = new FakeHttp.Response();
        String first = run(filter, request, response);
        String again = run(filter, request, response);
        assertEquals(first, again);
        assertEquals(1, response.headers("Content-Security-Policy").size());
        assertTrue(response.headers("Content-Security-Policy").get(0).contains(first));
    }

    @Test
    void reportOnlyModeUsesTheReportOnlyHeaderAndAnnouncesTheEndpoint() throws Exception {
        ContentSecurityPolicyFilter filter = new ContentSecurityPolicyFilter(csp(MapSettings.profile("prod")
                .with(SsrGuardProperties.CSP_REPORT_ONLY, "true").with(SsrGuardProperties.CSP_REPORT_PATH, "/csp-report")));
        FakeHttp.Response response = new FakeHttp.Response();
        run(filter, new FakeHttp.Request(), response);
        assertEquals(List.of(), response.headers("Content-Security-Policy"));
        assertEquals(1, response.headers("Content-Security-Policy-Report-Only").size());
        assertTrue(response.headers("Content-Security-Policy-Report-Only").get(0).endsWith("; report-uri /csp-report;"
                + " report-to ssrguard-csp"));
        assertEquals(List.of("ssrguard-csp=\"/csp-report\""), response.headers("Reporting-Endpoints"));
    }

    @Test
    void reportOnlyOverPlainHttpLeavesReportToOutSoChromiumFallsBackToReportUri() throws Exception {
        ContentSecurityPolicyFilter filter = new ContentSecurityPolicyFilter(csp(MapSettings.profile("prod")
                .with(SsrGuardProperties.CSP_REPORT_ONLY, "true").with(SsrGuardProperties.CSP_REPORT_PATH, "/csp-report")));
        FakeHttp.Request request = new FakeHttp.Request();
        request.scheme = "http";
        request.serverPort = 80;
        FakeHttp.Response response = new FakeHttp.Response();
        String nonce = run(filter, request, response);
        assertEquals(List.of("default-src 'self'; script-src 'self' 'nonce-" + nonce + "'; style-src 'self' 'nonce-"
                + nonce + "'; report-uri /csp-report"), response.headers("Content-Security-Policy-Report-Only"));
        assertEquals(List.of(), response.headers("Reporting-Endpoints"));
        // A second pass (an error page) keeps the choice.
        run(filter, request, response);
        assertEquals(1, response.headers("Content-Security-Policy-Report-Only").size());
        assertFalse(response.headers("Content-Security-Policy-Report-Only").get(0).contains("report-to"));
    }

    @Test
    void disabledFeaturePassesRequestsThroughUntouched() throws Exception {
        ContentSecurityPolicyFilter filter = new ContentSecurityPolicyFilter(csp(MapSettings.profile("dev")));
        FakeHttp.Response response = new FakeHttp.Response();
        assertNull(run(filter, new FakeHttp.Request(), response));
        assertTrue(response.headers.isEmpty(), response.headers.toString());
    }

    @Test
    void containerInstanceFindsTheFeatureInTheContextOrRefusesToStart() throws Exception {
        Map<String, Object> attributes = new HashMap<>();
        ContentSecurityPolicyFilter orphan = new ContentSecurityPolicyFilter();
        ServletException e = assertThrows(ServletException.class,
                () -> orphan.init(FakeHttp.filterConfig(FakeHttp.context(attributes), "csp")));
        assertTrue(e.getMessage().contains("did not start"), e.getMessage());

        csp(MapSettings.profile("prod")).attachTo(FakeHttp.context(attributes));
        ContentSecurityPolicyFilter filter = new ContentSecurityPolicyFilter();
        filter.init(FakeHttp.filterConfig(FakeHttp.context(attributes), "csp"));
        FakeHttp.Response response = new FakeHttp.Response();
        run(filter, new FakeHttp.Request(), response);
        assertEquals(1, response.headers("Content-Security-Policy").size());
    }

    @Test
    void theRequestPathChoosesThePolicyAndALaterPassKeepsTheChoice() throws Exception {
        CspProtection csp = CspProtection.start(CspSettings.load(MapSettings.profile("prod").reader(), "").orElseThrow(),
                new ScriptedSource().answering(() -> PolicyFetch.loaded("default-src 'self'; frame-ancestors 'none'",
                        Map.of("/embed/*", "default-src 'self'; frame-ancestors 'self'"), null)),
                Clock.systemUTC(), scheduler, new SecureRandom());
        ContentSecurityPolicyFilter filter = new ContentSecurityPolicyFilter(csp);

        FakeHttp.Request embedded = new FakeHttp.Request().path("/embed/map.html");
        FakeHttp.Response response = new FakeHttp.Response();
        run(filter, embedded, response);
        assertTrue(response.headers("Content-Security-Policy").get(0).contains("frame-ancestors 'self'"));
        assertTrue(csp.coversFraming(embedded.build()));

        // The error dispatch of the same request runs at the error page's path: the policy stays the path's.
        embedded.path("/error.html");
        run(filter, embedded, response);
        assertTrue(response.headers("Content-Security-Policy").get(0).contains("frame-ancestors 'self'"));

        FakeHttp.Response elsewhere = new FakeHttp.Response();
        run(filter, new FakeHttp.Request(), elsewhere);
        assertTrue(elsewhere.headers("Content-Security-Policy").get(0).contains("frame-ancestors 'none'"));
    }
}
