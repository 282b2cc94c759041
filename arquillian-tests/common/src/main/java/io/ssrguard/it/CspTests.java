package io.ssrguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Content-Security-Policy header and the report collector on a real
 * container: one header per HTML response, its nonce the one the page uses and
 * new on every request; reports accepted, junk refused with a 4xx, never a 500.
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
        assertReportRefused(report("application/csp-report", huge), 413, "a body of 100 KiB");
        HttpResponse<String> get = new HttpSession(base()).get("csp-report");
        assertReportRefused(get, 405, "GET");
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
