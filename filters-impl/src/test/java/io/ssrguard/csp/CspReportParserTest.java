package io.ssrguard.csp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ssrguard.http.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CspReportParserTest {

    private final CspReportParser parser = new CspReportParser();

    private List<CspViolation> parse(String type, String body) throws BadRequestException {
        return parser.parse(type, body.getBytes(StandardCharsets.UTF_8));
    }

    private void assertRefused(int status, String type, String body) {
        BadRequestException e = assertThrows(BadRequestException.class, () -> parse(type, body), body);
        assertEquals(status, e.status(), e.getMessage());
    }

    @Test
    void reportUriFormatGivesOneViolation() throws Exception {
        List<CspViolation> v = parse("application/csp-report", """
                {"csp-report": {"document-uri": "https://shop.example/cart?reset=tok", "referrer": "",
                 "violated-directive": "script-src-elem", "effective-directive": "script-src-elem",
                 "original-policy": "script-src 'self'", "disposition": "enforce",
                 "blocked-uri": "https://evil.example/x.js", "line-number": 12, "column-number": 5,
                 "source-file": "https://shop.example/app.js", "status-code": 200, "script-sample": ""}}""");
        assertEquals(List.of(new CspViolation("script-src-elem", "https://evil.example/x.js",
                "https://shop.example/cart?reset=tok", "https://shop.example/app.js", 12, 5, "enforce", "")), v);
    }

    @Test
    void olderBrowsersWithoutEffectiveDirectiveAndPlainJsonTypeAreAccepted() throws Exception {
        List<CspViolation> v = parse("application/json; charset=utf-8",
                "{\"csp-report\":{\"violated-directive\":\"img-src\",\"blocked-uri\":\"data\"}}");
        assertEquals("img-src", v.get(0).directive());
    }

    @Test
    void reportingApiBatchKeepsCspViolationsAndSkipsOtherTypes() throws Exception {
        List<CspViolation> v = parse("application/reports+json", """
                [{"type": "deprecation", "age": 1, "url": "https://shop.example/", "body": {"id": "x"}},
                 {"type": "csp-violation", "age": 2, "url": "https://shop.example/", "user_agent": "UA",
                  "body": {"documentURL": "https://shop.example/", "blockedURL": "inline",
                           "effectiveDirective": "script-src-elem", "disposition": "report",
                           "sourceFile": "https://shop.example/", "lineNumber": 3, "columnNumber": 9,
                           "sample": "alert(1)", "statusCode": 200}}]""");
        assertEquals(List.of(new CspViolation("script-src-elem", "inline", "https://shop.example/",
                "https://shop.example/", 3, 9, "report", "alert(1)")), v);
        assertEquals(List.of(), parse("application/reports+json", "[]"));
    }

    @Test
    void junkGets4xx() {
        assertRefused(400, "application/csp-report", "not json");
        assertRefused(400, "application/csp-report", "{\"something\": 1}");
        assertRefused(400, "application/csp-report", "[1, 2]");
        assertRefused(400, "application/reports+json", "{\"csp-report\": {}}");
        assertRefused(400, "application/reports+json", "[1]");
        assertRefused(400, "application/reports+json", "[{\"type\": \"csp-violation\"}]");
        assertRefused(400, "application/reports+json", "[".repeat(16_000) + "]".repeat(16_000));
        assertRefused(415, "text/plain", "{}");
        assertRefused(415, null, "{}");
    }

    @Test
    void logLineIsOneLineOfPrintableAsciiWithoutQueryStrings() {
        CspViolation v = new CspViolation("script-src\r\nFAKE: log line", "https://evil.example/x.js?k=1#f",
                "https://shop.example/reset?token=secret", "https://shop.example/app.js", 12, 5, "enforce",
                "alert(\"x\")\n" + "y".repeat(100));
        String line = v.logLine();
        assertEquals(-1, line.indexOf('\n'));
        assertEquals(-1, line.indexOf('\r'));
        assertEquals(false, line.contains("secret"), line);
        assertEquals(false, line.contains("k=1"), line);
        assertEquals("CSP violation: directive=script-src__FAKE:_log_line blocked=https://evil.example"
                + " document=https://shop.example/reset source=https://shop.example/app.js:12:5 disposition=enforce"
                + " sample=\"alert('x')_yyyyyyyyyyyyyyyyyyyyyyyyyyyyy...\"", line);
    }

    /** As Chromium 120 posts it for {@code report-uri} (field order and types as sent). */
    static final String CHROMIUM_CSP_REPORT = """
            {"csp-report":{"document-uri":"https://shop.example/account?session=abc","referrer":"https://shop.example/",\
            "violated-directive":"script-src-elem","effective-directive":"script-src-elem",\
            "original-policy":"default-src 'self'; script-src 'self' 'nonce-abc'; report-uri /csp-report",\
            "disposition":"report","blocked-uri":"https://cdn.example/lib.js?key=k","line-number":14,"column-number":22,\
            "source-file":"https://shop.example/account?session=abc","status-code":200,"script-sample":""}}""";
    /** As Firefox 121 posts it for {@code report-uri}: no effective-directive on older versions, blocked-uri "inline". */
    static final String FIREFOX_CSP_REPORT = """
            {"csp-report":{"blocked-uri":"inline","column-number":1,"disposition":"report",\
            "document-uri":"https://shop.example/account","effective-directive":"script-src-attr",\
            "original-policy":"default-src 'self'; script-src 'self' 'nonce-abc'; report-uri https://shop.example/csp-report",\
            "referrer":"","script-sample":"mojarra.ab(this,event,'action',0,0)","source-file":"https://shop.example/account",\
            "status-code":200,"violated-directive":"script-src-attr","line-number":31}}""";
    /** As Chromium posts a batch for {@code report-to} (Reporting API), with a report of another type mixed in. */
    static final String CHROMIUM_REPORTS_JSON = """
            [{"age":11,"body":{"blockedURL":"inline","columnNumber":39,"disposition":"report",\
            "documentURL":"https://shop.example/account","effectiveDirective":"script-src-elem","lineNumber":121,\
            "originalPolicy":"default-src 'self'; report-to ssrguard-csp","referrer":"","sample":"console.log(1)",\
            "sourceFile":"https://shop.example/account","statusCode":200},"type":"csp-violation",\
            "url":"https://shop.example/account","user_agent":"Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0.0.0"},\
            {"age":12,"body":{"id":"NavigatorVibrate","message":"deprecated"},"type":"deprecation",\
            "url":"https://shop.example/account","user_agent":"Mozilla/5.0"},\
            {"age":13,"body":{"blockedURL":"https://fonts.example/f.woff2?sig=1","disposition":"report",\
            "documentURL":"https://shop.example/","effectiveDirective":"font-src","originalPolicy":"default-src 'self'",\
            "referrer":"","statusCode":200},"type":"csp-violation","url":"https://shop.example/",\
            "user_agent":"Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0.0.0"}]""";

    @Test
    void reportsAsRealBrowsersSendThemAreReadInBothShapes() throws Exception {
        CspReportParser parser = new CspReportParser();
        CspViolation chromium = parser.parse("application/csp-report", CHROMIUM_CSP_REPORT.getBytes(StandardCharsets.UTF_8)).get(0);
        assertEquals("script-src-elem", chromium.directive());
        assertEquals(new CspViolationSummary.Kind("script-src-elem", "https://cdn.example", "https://shop.example/account", 14),
                CspViolationSummary.Kind.of(chromium));

        CspViolation firefox = parser.parse("application/csp-report", FIREFOX_CSP_REPORT.getBytes(StandardCharsets.UTF_8)).get(0);
        assertEquals(new CspViolationSummary.Kind("script-src-attr", "inline", "https://shop.example/account", 31),
                CspViolationSummary.Kind.of(firefox));

        List<CspViolation> batch = parser.parse("application/reports+json; charset=utf-8",
                CHROMIUM_REPORTS_JSON.getBytes(StandardCharsets.UTF_8));
        assertEquals(2, batch.size(), "the deprecation report is skipped");
        assertEquals(new CspViolationSummary.Kind("script-src-elem", "inline", "https://shop.example/account", 121),
                CspViolationSummary.Kind.of(batch.get(0)));
        assertEquals(new CspViolationSummary.Kind("font-src", "https://fonts.example", "-", 0),
                CspViolationSummary.Kind.of(batch.get(1)));
    }
}
