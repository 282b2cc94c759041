package io.ssrguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.ssrguard.testing.BrowserReports;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Content-Security-Policy header and the report collector on a real
 * container: one header per HTML response, its nonce the one the page uses and
 * new on every request; reports accepted, junk refused with a 4xx, never a 500;
 * the violation summary behind the guard's secret; the sample's policy for
 * {@code /embed/*} in force there and nowhere else.
 *
 * <p>A test interface so that these tests run in an existing deployment
 * ({@link FilterChainIT}); {@link ShortTtlIT} covers the policy coming from a CMS.
 */
interface CspTests {

    Pattern HEADER_NONCE = Pattern.compile("'nonce-([A-Za-z0-9+/_=-]+)'");
    /** The nonce a page uses: on its scripts (the home page) or on its stylesheet (the pack's sign-in page). */
    Pattern PAGE_NONCE = Pattern.compile("<(?:script|link rel=\"stylesheet\" href=\"[^\"]*\") nonce=\"([^\"]*)\"");

    /** The deployment's base URI. */
    URI base();

    @Test
    default void everyHtmlResponseHasOneCspHeaderWhoseNonceThePageUses() {
        HttpSession anonymous = new HttpSession(base());
        HttpSession admin = new HttpSession(base());
        assertEquals(200, admin.login("admin", "admin123").statusCode());

        Set<String> nonces = new LinkedHashSet<>();
        // Anonymous visitors see the sign-in page (the gate is on in this profile), signed-in ones the home page.
        for (HttpResponse<String> page : List.of(anonymous.get("auth/sign-in"), anonymous.get("auth/sign-in"), admin.get(""),
                admin.get(""))) {
            assertEquals(200, page.statusCode());
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            String nonce = pageNonce(page);
            assertTrue(Base64.getDecoder().decode(nonce).length >= 16, "at least 128 bits: " + nonce);
            assertTrue(nonces.add(nonce), "a new nonce on every request, " + nonce + " came twice");
        }

        // Error pages are HTML too: one header, never two from two dispatches.
        HttpResponse<String> notFound = admin.get("no-such-page");
        assertEquals(404, notFound.statusCode());
        assertEquals(1, notFound.headers().allValues("Content-Security-Policy").size(),
                "one CSP header on the 404 page: " + notFound.headers().allValues("Content-Security-Policy"));
    }

    @Test
    default void reportingOverPlainHttpUsesReportUriOnlySoChromiumSendsReports() {
        // Chromium ignores report-uri where report-to is present, and sends report-to reports only from
        // HTTPS pages: over plain HTTP the pack leaves its report-to out (Http2Tests checks HTTPS).
        HttpSession anonymous = new HttpSession(base());
        for (HttpResponse<String> page : List.of(anonymous.get("auth/sign-in"), anonymous.get("no-such-page"))) {
            List<String> policies = page.headers().allValues("Content-Security-Policy");
            assertEquals(1, policies.size(), policies.toString());
            String policy = policies.get(0);
            assertTrue(policy.endsWith("; report-uri " + base().getPath() + "csp-report"), policy);
            assertFalse(policy.contains("report-to"), "no report-to over plain HTTP: " + policy);
            assertEquals(List.of(), page.headers().allValues("Reporting-Endpoints"));
        }
    }

    @Test
    default void reportCollectorAcceptsReportsAndRefusesJunkWithA4xx() {
        String legacy = """
                {"csp-report":{"document-uri":"%s","referrer":"","violated-directive":"script-src-elem",
                "effective-directive":"script-src-elem","original-policy":"default-src 'self'",
                "disposition":"enforce","blocked-uri":"https://evil.example/x.js","status-code":200}}
                """.formatted(base());
        String reportingApi = """
                [{"type":"csp-violation","age":12,"url":"%s","user_agent":"Mozilla/5.0",
                "body":{"documentURL":"%s","effectiveDirective":"script-src-elem","blockedURL":"inline",
                "disposition":"enforce","statusCode":200,"originalPolicy":"default-src 'self'"}}]
                """.formatted(base(), base());

        assertEquals(204, report("application/csp-report", legacy).statusCode(), "report-uri format");
        assertEquals(204, report("application/reports+json", reportingApi).statusCode(), "Reporting API format");

        assertReportRefused(report("application/csp-report", "{\"csp-report\": not json"), 400, "junk");
        assertReportRefused(report("application/csp-report", "[1,2,3]"), 400, "JSON of the wrong shape");
        assertReportRefused(report("application/reports+json", "[{\"type\":\"csp-violation\"}]"), 400, "no body");
        assertReportRefused(report("text/plain", legacy), 415, "another content type");
        String huge = "{\"csp-report\":{\"document-uri\":\"" + "a".repeat(100 * 1024) + "\"}}";
        // The pack refuses by Content-Length, before reading, and the connection closes after the answer; a
        // client still sending then sees its connection closed (a broken pipe) instead of reading the 413.
        // Either is a refusal; what must never happen is the body being taken (204) or a 500.
        HttpResponse<String> tooLarge = null;
        try {
            tooLarge = report("application/csp-report", huge);
        } catch (java.io.UncheckedIOException closedWhileSending) {
            assertTrue(String.valueOf(closedWhileSending.getCause()).contains("IOException"), String.valueOf(closedWhileSending));
        }
        if (tooLarge != null) {
            assertReportRefused(tooLarge, 413, "a body of 100 KiB");
        }
        assertEquals(204, report("application/csp-report", legacy).statusCode(), "the collector still answers after it");
        HttpResponse<String> get = new HttpSession(base()).get("csp-report");
        assertReportRefused(get, 405, "GET");
    }

    /** Where the sample's violation summary is (the default), behind the internal guard. */
    String SUMMARY = "internal/ssrguard/csp-reports";

    @Test
    default void reportSummaryCountsBothShapesAndOpensOnlyToTheGuardSecret() throws Exception {
        // A made-up origin of its own, so that reports of other tests in this deployment do not count here.
        String cdn = "cdn-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String page = base() + "account";
        // The shapes of Chromium's report-uri and report-to bodies and of Firefox's report-uri body, with a made-up
        // origin and tokens in queries, to see both shapes counted as one kind and no path or query kept. The
        // bodies as browsers really post them are checked in reportsOfRealBrowsersInBothShapesReachTheSummary.
        String chromium = """
                {"csp-report":{"document-uri":"%s?session=leak-doc","referrer":"","violated-directive":"script-src-elem",\
                "effective-directive":"script-src-elem","original-policy":"default-src 'self'; report-uri /csp-report",\
                "disposition":"report","blocked-uri":"https://%s/lib.js?token=leak-blocked","line-number":14,\
                "column-number":22,"source-file":"%s?session=leak-source","status-code":200,"script-sample":""}}\
                """.formatted(page, cdn, page);
        String firefox = """
                {"csp-report":{"blocked-uri":"https://%s/lib.js?token=leak-blocked","column-number":3,\
                "disposition":"report","document-uri":"%s","effective-directive":"script-src-elem",\
                "original-policy":"default-src 'self'; report-uri %scsp-report","referrer":"","script-sample":"",\
                "source-file":"%s","status-code":200,"violated-directive":"script-src-elem","line-number":14}}\
                """.formatted(cdn, page, base(), page);
        String reportingApi = """
                [{"age":11,"body":{"blockedURL":"https://%s/font.woff2?sig=leak-font","disposition":"report",\
                "documentURL":"%s","effectiveDirective":"font-src","originalPolicy":"default-src 'self'",\
                "referrer":"","statusCode":200},"type":"csp-violation","url":"%s",\
                "user_agent":"Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0.0.0"},\
                {"age":12,"body":{"id":"NavigatorVibrate","message":"deprecated"},"type":"deprecation",\
                "url":"%s","user_agent":"Mozilla/5.0"}]\
                """.formatted(cdn, page, page, page);
        assertEquals(204, report("application/csp-report", chromium).statusCode());
        assertEquals(204, report("application/csp-report", firefox).statusCode());
        assertEquals(204, report("application/reports+json", reportingApi).statusCode());

        HttpSession operator = new HttpSession(base());
        HttpResponse<String> summary = operator.send(operator.request(SUMMARY)
                .header("X-Internal-Secret", SampleDeployment.GUARD_SECRET));
        assertEquals(200, summary.statusCode(), summary.body());
        assertTrue(summary.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        for (String leak : List.of("leak-doc", "leak-blocked", "leak-source", "leak-font", "lib.js", "font.woff2")) {
            assertFalse(summary.body().contains(leak), "no path or query of a blocked URL or page: " + leak);
        }
        Map<String, Object> json = JSONObjectUtils.parse(summary.body());
        Map<String, Object> script = entry(json, "script-src-elem", "https://" + cdn);
        assertEquals(2L, ((Number) script.get("count")).longValue(), "Chromium's and Firefox's report are one kind: " + script);
        assertEquals(page, script.get("source"));
        assertEquals(14L, ((Number) script.get("line")).longValue());
        Map<String, Object> font = entry(json, "font-src", "https://" + cdn);
        assertEquals(1L, ((Number) font.get("count")).longValue());
        assertTrue(((String) font.get("firstSeen")).compareTo((String) font.get("lastSeen")) <= 0);

        // Without the secret, or with a wrong one: what an unknown path answers, anonymous or signed in.
        HttpSession anonymous = new HttpSession(base());
        FilterChainIT.assertIndistinguishable(anonymous.get("no-such-page-" + UUID.randomUUID()), anonymous.get(SUMMARY),
                anonymous.send(anonymous.request(SUMMARY).header("X-Internal-Secret", "wrong-secret-0123456789abcdef")));
        HttpSession alice = new HttpSession(base());
        assertEquals(200, alice.login("alice", "alice123").statusCode());
        HttpResponse<String> unknown = alice.get("no-such-page-" + UUID.randomUUID());
        assertEquals(404, unknown.statusCode());
        FilterChainIT.assertIndistinguishable(unknown, alice.get(SUMMARY));
    }

    @Test
    default void reportsOfRealBrowsersInBothShapesReachTheSummary() throws Exception {
        Map<String, Object> before = summary();
        // Every body byte for byte as Chromium 156 and Firefox 153 posted it, with the Content-Type it came with.
        long sent = 0;
        for (BrowserReports report : BrowserReports.values()) {
            HttpResponse<String> answer = report(report.contentType(), report.text());
            assertEquals(204, answer.statusCode(), report + ": " + answer.body());
            sent += report.contentType().equals("application/reports+json") ? JSONArrayUtils.parse(report.text()).size() : 1;
        }
        Map<String, Object> after = summary();
        assertEquals(26, sent, "Chromium: 7 report-uri bodies, report-to batches of 1, 5 and 6; Firefox: 7 report-uri bodies");
        assertEquals(sent, ((Number) after.get("violations")).longValue() - ((Number) before.get("violations")).longValue(),
                "every violation counted, none dropped: " + after);

        String chromium = BrowserReports.CHROMIUM_PAGES;
        String blockedByChromium = BrowserReports.CHROMIUM_OTHER;
        // eval in /evil.js line 2: reported through report-uri by /a and through report-to by /b and /b-ro, one kind.
        assertCountedSince(before, after, 3, "script-src", "eval", chromium + "/evil.js", 2);
        // Source and line as the browser sent them; the blocked image by its origin, never its path or query.
        assertCountedSince(before, after, 1, "script-src-elem", "inline", chromium + "/a", 5);
        assertCountedSince(before, after, 1, "script-src-elem", "inline", chromium + "/a-ro", 5);
        assertCountedSince(before, after, 1, "style-src-attr", "inline", chromium + "/b", 4);
        assertCountedSince(before, after, 1, "img-src", blockedByChromium, chromium + "/a", 7);
        assertCountedSince(before, after, 1, "img-src", blockedByChromium, chromium + "/b-ro", 8);
        assertCountedSince(before, after, 1, "frame-src", blockedByChromium, chromium + "/b", 8);
        // Chromium sends an inline handler's report without source file or line: it counts under its page.
        assertCountedSince(before, after, 1, "script-src-attr", "inline", chromium + "/a", 0);
        assertCountedSince(before, after, 1, "script-src-attr", "inline", chromium + "/b-ro", 7);
        // Firefox: no line for attributes, no source file for the frame (its page stands for it).
        String firefox = BrowserReports.FIREFOX_PAGES;
        assertCountedSince(before, after, 1, "script-src", "eval", firefox + "/evil.js", 2);
        assertCountedSince(before, after, 1, "script-src-attr", "inline", firefox + "/a", 0);
        assertCountedSince(before, after, 1, "frame-src", BrowserReports.FIREFOX_OTHER, firefox + "/a", 0);
        assertFalse(after.toString().contains("from-img") || after.toString().contains("pixel.png"), after.toString());
    }

    /** The violation summary as the operator reads it, with the guard's secret. */
    private Map<String, Object> summary() throws java.text.ParseException {
        HttpSession operator = new HttpSession(base());
        HttpResponse<String> summary = operator.send(operator.request(SUMMARY)
                .header("X-Internal-Secret", SampleDeployment.GUARD_SECRET));
        assertEquals(200, summary.statusCode(), summary.body());
        return JSONObjectUtils.parse(summary.body());
    }

    /** The kind's count grew by {@code added} between the two summaries (other tests of the deployment report too). */
    private static void assertCountedSince(Map<String, Object> before, Map<String, Object> after, long added,
                                           String directive, String blocked, String source, long line) {
        Map<String, Object> now = kind(after, directive, blocked, source, line)
                .orElseThrow(() -> new AssertionError("no " + List.of(directive, blocked, source, line) + " in " + after));
        long earlier = kind(before, directive, blocked, source, line).map(e -> ((Number) e.get("count")).longValue()).orElse(0L);
        assertEquals(added, ((Number) now.get("count")).longValue() - earlier, now.toString());
        assertTrue(((String) now.get("firstSeen")).compareTo((String) now.get("lastSeen")) <= 0, now.toString());
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> kind(Map<String, Object> summary, String directive, String blocked,
                                                      String source, long line) {
        return ((List<Map<String, Object>>) summary.get("entries")).stream()
                .filter(e -> directive.equals(e.get("directive")) && blocked.equals(e.get("blocked"))
                        && source.equals(e.get("source")) && line == ((Number) e.get("line")).longValue())
                .findFirst();
    }

    @Test
    default void perPathPolicyIsInForceForItsPatternAndNowhereElse() {
        HttpSession admin = new HttpSession(base());
        assertEquals(200, admin.login("admin", "admin123").statusCode());
        HttpResponse<String> embedded = admin.get("embed/card.html");
        assertEquals(200, embedded.statusCode());
        assertTrue(embedded.body().contains("embedded-card"), embedded.body());
        String embedPolicy = onePolicy(embedded);
        assertTrue(embedPolicy.contains("frame-ancestors 'self'"), embedPolicy);
        // Payara's default servlet adds its own X-Frame-Options: SAMEORIGIN to static files; the pack's would be DENY.
        assertFalse(embedded.headers().allValues("X-Frame-Options").contains("DENY"),
                "the path's policy governs framing, so no X-Frame-Options: DENY to contradict it: " + embedded.headers().map());

        HttpResponse<String> missingUnderEmbed = admin.get("embed/no-such-card-" + UUID.randomUUID());
        assertEquals(404, missingUnderEmbed.statusCode());
        assertTrue(onePolicy(missingUnderEmbed).contains("frame-ancestors 'self'"),
                "the error page of a path under /embed/ keeps that path's policy");

        for (String elsewhere : List.of("", "framed.html", "embedded", "no-such-page")) {
            HttpResponse<String> r = admin.get(elsewhere);
            String policy = onePolicy(r);
            assertTrue(policy.contains("frame-ancestors 'none'"), elsewhere + ": " + policy);
            assertFalse(policy.contains("frame-ancestors 'self'"), elsewhere + ": " + policy);
        }
    }

    private static String onePolicy(HttpResponse<String> response) {
        List<String> headers = response.headers().allValues("Content-Security-Policy");
        assertEquals(1, headers.size(), response.uri() + ": " + headers);
        return headers.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> entry(Map<String, Object> summary, String directive, String blocked) {
        return ((List<Map<String, Object>>) summary.get("entries")).stream()
                .filter(e -> directive.equals(e.get("directive")) && blocked.equals(e.get("blocked")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + directive + " " + blocked + " in " + summary));
    }

    /** The page's {@code <script nonce>}, after checking that the one CSP header carries exactly it. */
    static String pageNonce(HttpResponse<String> page) {
        List<String> headers = page.headers().allValues("Content-Security-Policy");
        assertEquals(1, headers.size(), "exactly one CSP header: " + headers);
        Matcher inPage = PAGE_NONCE.matcher(page.body());
        assertTrue(inPage.find(), "the page has a nonce'd script or stylesheet");
        String nonce = inPage.group(1);
        Matcher inHeader = HEADER_NONCE.matcher(headers.get(0));
        int found = 0;
        while (inHeader.find()) {
            assertEquals(nonce, inHeader.group(1), "the header's nonce is the page's: " + headers.get(0));
            found++;
        }
        assertTrue(found >= 1, "the header carries a nonce: " + headers.get(0));
        return nonce;
    }

    /** A report as a browser posts it: no cookies, no CSRF token. */
    default HttpResponse<String> report(String contentType, String body) {
        HttpSession browser = new HttpSession(base());
        return browser.send(browser.request("csp-report").header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static void assertReportRefused(HttpResponse<String> response, int status, String what) {
        assertEquals(status, response.statusCode(), what + ": " + response.body());
        assertNotEquals(500, response.statusCode());
        CookieAuthenticationIT.assertNoLeak(response);
    }
}
