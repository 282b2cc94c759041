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
        assertEquals("CSP violation: directive=script-src__FAKE:_log_line blocked=https://evil.example/x.js"
                + " document=https://shop.example/reset source=https://shop.example/app.js:12:5 disposition=enforce"
                + " sample=\"alert('x')_yyyyyyyyyyyyyyyyyyyyyyyyyyyyy...\"", line);
    }
}
