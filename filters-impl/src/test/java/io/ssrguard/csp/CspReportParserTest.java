package io.ssrguard.csp;

import static io.ssrguard.testing.BrowserReports.CHROMIUM_EVAL;
import static io.ssrguard.testing.BrowserReports.CHROMIUM_FRAME_SRC;
import static io.ssrguard.testing.BrowserReports.CHROMIUM_IMG_SRC;
import static io.ssrguard.testing.BrowserReports.CHROMIUM_OTHER;
import static io.ssrguard.testing.BrowserReports.CHROMIUM_PAGES;
import static io.ssrguard.testing.BrowserReports.CHROMIUM_REPORTS_BATCH;
import static io.ssrguard.testing.BrowserReports.CHROMIUM_REPORTS_FIRST;
import static io.ssrguard.testing.BrowserReports.CHROMIUM_REPORTS_REPORT_ONLY_BATCH;
import static io.ssrguard.testing.BrowserReports.CHROMIUM_REPORT_ONLY;
import static io.ssrguard.testing.BrowserReports.CHROMIUM_SCRIPT_SRC_ATTR;
import static io.ssrguard.testing.BrowserReports.CHROMIUM_SCRIPT_SRC_ELEM;
import static io.ssrguard.testing.BrowserReports.CHROMIUM_STYLE_SRC_ATTR;
import static io.ssrguard.testing.BrowserReports.FIREFOX_EVAL;
import static io.ssrguard.testing.BrowserReports.FIREFOX_FRAME_SRC;
import static io.ssrguard.testing.BrowserReports.FIREFOX_IMG_SRC;
import static io.ssrguard.testing.BrowserReports.FIREFOX_OTHER;
import static io.ssrguard.testing.BrowserReports.FIREFOX_PAGES;
import static io.ssrguard.testing.BrowserReports.FIREFOX_REPORT_ONLY;
import static io.ssrguard.testing.BrowserReports.FIREFOX_SCRIPT_SRC_ATTR;
import static io.ssrguard.testing.BrowserReports.FIREFOX_SCRIPT_SRC_ELEM;
import static io.ssrguard.testing.BrowserReports.FIREFOX_STYLE_SRC_ATTR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ssrguard.http.BadRequestException;
import io.ssrguard.testing.BrowserReports;
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

    private List<CspViolation> read(BrowserReports report) throws BadRequestException {
        return parser.parse(report.contentType(), report.body());
    }

    private static final String A = CHROMIUM_PAGES + "/a";
    private static final String B = CHROMIUM_PAGES + "/b";
    private static final String B_RO = CHROMIUM_PAGES + "/b-ro";
    private static final String SCRIPT = "document.title = 'inline ran';";
    private static final String HANDLER = "console.log('inline handler ran')";
    private static final String PIXEL = CHROMIUM_OTHER + "/pixel.png?token=from-img";

    @Test
    void chromiumReportUriBodiesAreReadFieldForField() throws Exception {
        assertEquals(List.of(new CspViolation("script-src-elem", "inline", A, A, 5, 9, "enforce", SCRIPT)),
                read(CHROMIUM_SCRIPT_SRC_ELEM));
        assertEquals(List.of(new CspViolation("style-src-attr", "inline", A, A, 4, 24, "enforce", "color: red")),
                read(CHROMIUM_STYLE_SRC_ATTR));
        assertEquals(List.of(new CspViolation("img-src", PIXEL, A, A, 7, 76, "enforce", "")), read(CHROMIUM_IMG_SRC));
        // An inline event handler: Chromium sends neither source-file nor line-number nor column-number.
        assertEquals(List.of(new CspViolation("script-src-attr", "inline", A, null, 0, 0, "enforce", HANDLER)),
                read(CHROMIUM_SCRIPT_SRC_ATTR));
        assertEquals(List.of(new CspViolation("script-src", "eval", A, CHROMIUM_PAGES + "/evil.js", 2, 14, "enforce", "6 * 7")),
                read(CHROMIUM_EVAL));
        assertEquals(List.of(new CspViolation("frame-src", CHROMIUM_OTHER, A, A, 8, 51, "enforce", "")),
                read(CHROMIUM_FRAME_SRC));
        String aRo = CHROMIUM_PAGES + "/a-ro";
        assertEquals(List.of(new CspViolation("script-src-elem", "inline", aRo, aRo, 5, 9, "report", SCRIPT)),
                read(CHROMIUM_REPORT_ONLY));
    }

    @Test
    void chromiumReportingApiBatchesAreReadFieldForFieldInTheOrderSent() throws Exception {
        assertEquals(List.of(new CspViolation("style-src-attr", "inline", B, B, 4, 24, "enforce", "color: red")),
                read(CHROMIUM_REPORTS_FIRST));
        assertEquals(List.of(
                new CspViolation("frame-src", CHROMIUM_OTHER, B, B, 8, 51, "enforce", ""),
                new CspViolation("script-src-attr", "inline", B, null, 0, 0, "enforce", HANDLER),
                new CspViolation("script-src-elem", "inline", B, B, 5, 9, "enforce", SCRIPT),
                new CspViolation("script-src", "eval", B, CHROMIUM_PAGES + "/evil.js", 2, 14, "enforce", "6 * 7"),
                new CspViolation("img-src", PIXEL, B, B, 8, 51, "enforce", "")), read(CHROMIUM_REPORTS_BATCH));
        // Report-only: the handler runs, and Chromium reports it twice, once where it is compiled (with a line).
        assertEquals(List.of(
                new CspViolation("script-src-elem", "inline", B_RO, B_RO, 5, 9, "report", SCRIPT),
                new CspViolation("script-src-attr", "inline", B_RO, null, 0, 0, "report", HANDLER),
                new CspViolation("img-src", PIXEL, B_RO, B_RO, 8, 51, "report", ""),
                new CspViolation("script-src-attr", "inline", B_RO, B_RO, 7, 76, "report", HANDLER),
                new CspViolation("frame-src", CHROMIUM_OTHER, B_RO, B_RO, 8, 51, "report", ""),
                new CspViolation("script-src", "eval", B_RO, CHROMIUM_PAGES + "/evil.js", 2, 14, "report", "6 * 7")),
                read(CHROMIUM_REPORTS_REPORT_ONLY_BATCH));
    }

    @Test
    void firefoxReportUriBodiesAreReadFieldForField() throws Exception {
        String a = FIREFOX_PAGES + "/a";
        assertEquals(List.of(new CspViolation("script-src-elem", "inline", a, a, 5, 9, "enforce", SCRIPT)),
                read(FIREFOX_SCRIPT_SRC_ELEM));
        // Attributes: a source file, column 1, no line.
        assertEquals(List.of(new CspViolation("style-src-attr", "inline", a, a, 0, 1, "enforce", "color: red")),
                read(FIREFOX_STYLE_SRC_ATTR));
        assertEquals(List.of(new CspViolation("script-src-attr", "inline", a, a, 0, 1, "enforce", HANDLER)),
                read(FIREFOX_SCRIPT_SRC_ATTR));
        // The image and the frame: no source file and no sample at all.
        assertEquals(List.of(new CspViolation("img-src", FIREFOX_OTHER + "/pixel.png?token=from-img", a, null, 0, 1, "enforce",
                null)), read(FIREFOX_IMG_SRC));
        assertEquals(List.of(new CspViolation("frame-src", FIREFOX_OTHER, a, null, 0, 1, "enforce", null)),
                read(FIREFOX_FRAME_SRC));
        assertEquals(List.of(new CspViolation("script-src", "eval", a, FIREFOX_PAGES + "/evil.js", 2, 14, "enforce", "6 * 7")),
                read(FIREFOX_EVAL));
        String aRo = FIREFOX_PAGES + "/a-ro";
        assertEquals(List.of(new CspViolation("script-src-elem", "inline", aRo, aRo, 5, 9, "report", SCRIPT)),
                read(FIREFOX_REPORT_ONLY));
    }
}
