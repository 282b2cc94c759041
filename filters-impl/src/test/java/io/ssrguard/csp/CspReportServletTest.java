package io.ssrguard.csp;

import io.ssrguard.http.FakeHttp;
import io.ssrguard.testing.LoggedRecords;

import io.ssrguard.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SsrGuardProperties;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CspReportServletTest {

    static final String REPORT = "{\"csp-report\":{\"effective-directive\":\"img-src\",\"blocked-uri\":\"https://x.example/p.gif\","
            + "\"document-uri\":\"https://shop.example/\",\"disposition\":\"enforce\"}}";

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final RecordingScheduler scheduler = new RecordingScheduler();
    LoggedRecords log;

    @BeforeEach
    void captureLog() {
        log = LoggedRecords.of(CspReportServlet.class);
    }

    @AfterEach
    void cleanUp() {
        log.close();
        scheduler.shutdownNow();
    }

    /** The servlet's lines at INFO and above, the ones an operator sees. */
    List<String> logged() {
        return log.records().stream().filter(r -> r.getLevel().intValue() >= Level.INFO.intValue())
                .map(LogRecord::getMessage).toList();
    }

    CspReportServlet servlet(MapSettings settings) {
        CspProtection csp = CspProtection.start(CspSettings.load(settings.reader(), "").orElseThrow(),
                new ScriptedSource().serving("img-src 'self'", null), clock, scheduler, new SecureRandom());
        return new CspReportServlet(csp, clock);
    }

    FakeHttp.Response send(CspReportServlet servlet, FakeHttp.Request request) throws Exception {
        FakeHttp.Response response = new FakeHttp.Response();
        servlet.service(request.build(), response.build());
        return response;
    }

    @Test
    void newKindOfViolationIsLoggedInOneLineOnceAndAnswered204() throws Exception {
        CspReportServlet servlet = servlet(MapSettings.profile("prod"));
        for (int i = 0; i < 3; i++) {
            assertEquals(204, send(servlet, new FakeHttp.Request().post("application/csp-report", REPORT)).status);
        }
        assertEquals(List.of("New kind of CSP violation: directive=img-src blocked=https://x.example"
                + " document=https://shop.example/ disposition=enforce"), logged(), "one line per kind, not per report");
    }

    @Test
    void junkGets4xxNever500() throws Exception {
        CspReportServlet servlet = servlet(MapSettings.profile("prod"));
        assertEquals(400, send(servlet, new FakeHttp.Request().post("application/csp-report", "{{{")).status);
        assertEquals(400, send(servlet, new FakeHttp.Request().post("application/reports+json", "{\"a\":1}")).status);
        assertEquals(415, send(servlet, new FakeHttp.Request().post("text/html", "<p>")).status);
        FakeHttp.Response get = send(servlet, new FakeHttp.Request());
        assertEquals(405, get.status);
        assertEquals(List.of("POST"), get.headers("Allow"));
        assertTrue(logged().isEmpty(), logged().toString());
    }

    @Test
    void bodyOverTheCapIsRefusedUnreadEvenWhenContentLengthLies() throws Exception {
        CspReportServlet servlet = servlet(MapSettings.profile("prod").with(SsrGuardProperties.CSP_REPORT_MAX_BYTES, "1024"));
        String big = "{\"csp-report\":{\"blocked-uri\":\"" + "a".repeat(2000) + "\"}}";
        assertEquals(413, send(servlet, new FakeHttp.Request().post("application/csp-report", big)).status);
        FakeHttp.Request lying = new FakeHttp.Request().post("application/csp-report", big);
        lying.headers.remove("Content-Length");
        assertEquals(413, send(servlet, lying).status);
    }

    @Test
    void rateLimitAnswers429AndCountsDroppedReports() throws Exception {
        CspReportServlet servlet = servlet(MapSettings.profile("prod").with(SsrGuardProperties.CSP_REPORT_RATE_LIMIT, "3"));
        for (int i = 0; i < 3; i++) {
            assertEquals(204, send(servlet, new FakeHttp.Request().post("application/csp-report", REPORT)).status);
        }
        FakeHttp.Response limited = send(servlet, new FakeHttp.Request().post("application/csp-report", REPORT));
        assertEquals(429, limited.status);
        assertTrue(limited.bodyText().contains("too_many_reports"), limited.bodyText());
        assertEquals(1, logged().size(), "one kind: " + logged());

        clock.advance(Duration.ofSeconds(20));
        assertEquals(204, send(servlet, new FakeHttp.Request().post("application/csp-report", REPORT)).status);
        assertEquals("CSP reports: 1 request(s) dropped by the rate limit", logged().get(1));
    }

    @Test
    void largeBatchIsLoggedOnlyInPart() throws Exception {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 30; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"type\":\"csp-violation\",\"body\":{\"effectiveDirective\":\"img-src\","
                    + "\"blockedURL\":\"https://cdn" + i + ".example/a.png\"}}");
        }
        batch.append(']');
        FakeHttp.Response r = send(servlet(MapSettings.profile("prod")),
                new FakeHttp.Request().post("application/reports+json", batch.toString()));
        assertEquals(204, r.status);
        assertEquals(CspReportServlet.MAX_LINES_PER_REQUEST + 1, logged().size());
        assertEquals("CSP reports: 10 more new kind(s) in the same request not logged; see the summary", logged().get(logged().size() - 1));
    }

    @Test
    void containerInstanceFindsTheFeatureInTheContext() throws Exception {
        Map<String, Object> attributes = new HashMap<>();
        CspProtection.start(CspSettings.load(MapSettings.profile("prod").reader(), "").orElseThrow(),
                new ScriptedSource().serving("img-src 'self'", null), clock, scheduler, new SecureRandom())
                .attachTo(FakeHttp.context(attributes));
        CspReportServlet servlet = new CspReportServlet();
        servlet.init(FakeHttp.servletConfig(FakeHttp.context(attributes), "csp-report"));
        assertEquals(204, send(servlet, new FakeHttp.Request().post("application/csp-report", REPORT)).status);
    }
}
