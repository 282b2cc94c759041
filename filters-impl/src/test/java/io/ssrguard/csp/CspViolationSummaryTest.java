package io.ssrguard.csp;

import static io.ssrguard.testing.BrowserReports.CHROMIUM_OTHER;
import static io.ssrguard.testing.BrowserReports.CHROMIUM_PAGES;
import static io.ssrguard.testing.BrowserReports.FIREFOX_OTHER;
import static io.ssrguard.testing.BrowserReports.FIREFOX_PAGES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.csp.CspViolationSummary.Outcome;
import io.ssrguard.testing.BrowserReports;
import io.ssrguard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CspViolationSummaryTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    static CspViolation violation(String directive, String blocked, String source, long line) {
        return new CspViolation(directive, blocked, "https://shop.example/account?session=abc", source, line, 7,
                "report", null);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> entries(CspViolationSummary summary) {
        return (List<Map<String, Object>>) summary.toJson().get("entries");
    }

    @Test
    void kindsAreCountedWithFirstAndLastSeen() {
        CspViolationSummary summary = new CspViolationSummary(10, clock);
        CspViolation cdn = violation("script-src-elem", "https://cdn.example/lib.js?v=1", "https://shop.example/app.js", 3);
        assertEquals(Outcome.NEW_KIND, summary.add(cdn));
        clock.advance(Duration.ofMinutes(5));
        // Another file of the same origin, another query: the same kind.
        assertEquals(Outcome.COUNTED, summary.add(violation("script-src-elem", "https://cdn.example/other.js",
                "https://shop.example/app.js?build=9", 3)));
        clock.advance(Duration.ofMinutes(5));
        assertEquals(Outcome.COUNTED, summary.add(cdn));
        assertEquals(Outcome.NEW_KIND, summary.add(violation("script-src-elem", "inline", "https://shop.example/app.js", 3)));
        assertEquals(Outcome.NEW_KIND, summary.add(violation("script-src-elem", "https://cdn.example/lib.js", "https://shop.example/app.js", 4)));

        Map<String, Object> json = summary.toJson();
        assertEquals(5L, json.get("violations"));
        assertEquals(3, json.get("kinds"));
        assertEquals(0L, json.get("dropped"));
        Map<String, Object> top = entries(summary).get(0);
        assertEquals("script-src-elem", top.get("directive"));
        assertEquals("https://cdn.example", top.get("blocked"));
        assertEquals("https://shop.example/app.js", top.get("source"));
        assertEquals(3L, top.get("line"));
        assertEquals(3L, top.get("count"));
        assertEquals("2026-03-01T10:00:00Z", top.get("firstSeen"));
        assertEquals("2026-03-01T10:10:00Z", top.get("lastSeen"));
    }

    @Test
    void kindsBeyondTheCapAreCountedAsDroppedAndNeverStored() {
        CspViolationSummary summary = new CspViolationSummary(3, clock);
        for (int i = 0; i < 3; i++) {
            assertEquals(Outcome.NEW_KIND, summary.add(violation("img-src", "https://img" + i + ".example/a.png", null, 0)));
        }
        for (int i = 3; i < 1000; i++) {
            assertEquals(Outcome.DROPPED, summary.add(violation("img-src", "https://img" + i + ".example/a.png", null, 0)));
        }
        assertEquals(Outcome.COUNTED, summary.add(violation("img-src", "https://img1.example/b.png", null, 0)),
                "known kinds are still counted past the cap");
        assertEquals(3, summary.size());
        assertEquals(997, summary.dropped());
        assertEquals(997L, summary.toJson().get("dropped"));
        assertEquals(3, entries(summary).size());
    }

    @Test
    void blockedUrlsKeepOnlyTheirOriginAndNothingThatMayCarryAToken() {
        assertEquals("https://cdn.example:8443", CspViolationSummary.blockedOrigin("https://cdn.example:8443/a/b.js?token=s3cret#x"));
        assertEquals("https://cdn.example", CspViolationSummary.blockedOrigin("https://user:pw@CDN.example/x"));
        assertEquals("wss://live.example", CspViolationSummary.blockedOrigin("wss://live.example/socket?auth=abc"));
        assertEquals("data:", CspViolationSummary.blockedOrigin("data:image/png;base64,iVBORw0KGgo="));
        assertEquals("blob:", CspViolationSummary.blockedOrigin("blob:https://shop.example/0f1e2d"));
        assertEquals("inline", CspViolationSummary.blockedOrigin("inline"));
        assertEquals("eval", CspViolationSummary.blockedOrigin("eval"));
        assertEquals("-", CspViolationSummary.blockedOrigin(""));
        assertEquals("(other)", CspViolationSummary.blockedOrigin("/relative/path?token=1"));
        assertEquals("https://bad_host", CspViolationSummary.blockedOrigin("https://bad host/x?token=1"),
                "unparsable: the authority by hand, never the path");
        String line = CspViolationSummary.blockedOrigin("https://evil.example\r\nX-Injected: 1/path");
        assertFalse(line.contains("\n") || line.contains("path"), line);
    }

    @Test
    void sourceFilesLoseQueryFragmentAndUserInfo() {
        assertEquals("https://shop.example/app.js", CspViolationSummary.withoutQuery("https://shop.example/app.js?v=3&token=x#l1"));
        assertEquals("https://shop.example/app.js", CspViolationSummary.withoutQuery("https://me:pw@shop.example/app.js"));
        assertEquals("-", CspViolationSummary.withoutQuery(null));
        String longSource = "https://shop.example/" + "a".repeat(1000);
        assertEquals(CspViolationSummary.MAX_FIELD, CspViolationSummary.withoutQuery(longSource).length());
    }

    @Test
    void thePageStandsForTheSourceWhereTheBrowserNamesNoneWithoutItsQuery() {
        CspViolationSummary summary = new CspViolationSummary(10, clock);
        summary.add(violation("img-src", "https://x.example/p.gif", null, 0));
        String json = summary.toJson().toString();
        assertFalse(json.contains("session=abc"), json);
        assertEquals("https://shop.example/account", entries(summary).get(0).get("source"));
        assertEquals("https://x.example", entries(summary).get(0).get("blocked"));
    }

    @Test
    void reportsOfRealBrowsersInBothShapesAreCountedByKind() throws Exception {
        CspViolationSummary summary = new CspViolationSummary(100, clock);
        CspReportParser parser = new CspReportParser();
        for (BrowserReports report : BrowserReports.values()) {
            for (CspViolation v : parser.parse(report.contentType(), report.body())) {
                summary.add(v);
            }
        }
        Map<String, Object> json = summary.toJson();
        assertEquals(26L, json.get("violations"), "Chromium: 7 report-uri bodies, report-to batches of 1, 5 and 6; Firefox: 7");
        assertEquals(24, json.get("kinds"));
        assertEquals(0L, json.get("dropped"));
        // eval in Chromium's evil.js line 2, reported by pages a (report-uri), b and b-ro (report-to): one kind.
        Map<String, Object> top = entries(summary).get(0);
        assertEquals(List.of("script-src", "eval", CHROMIUM_PAGES + "/evil.js", 2L, 3L),
                List.of(top.get("directive"), top.get("blocked"), top.get("source"), top.get("line"), top.get("count")));
        assertEquals(Set.of(1L), entries(summary).stream().skip(1).map(e -> e.get("count")).collect(Collectors.toSet()));

        // The blocked image: its origin only, once per page and line; Firefox names no source, so its page stands for it.
        assertEquals(Set.of(List.of(CHROMIUM_OTHER, CHROMIUM_PAGES + "/a", 7L), List.of(CHROMIUM_OTHER, CHROMIUM_PAGES + "/b", 8L),
                List.of(CHROMIUM_OTHER, CHROMIUM_PAGES + "/b-ro", 8L), List.of(FIREFOX_OTHER, FIREFOX_PAGES + "/a", 0L)),
                kinds(summary, "img-src", "blocked", "source", "line"));
        assertFalse(json.toString().contains("pixel.png") || json.toString().contains("from-img"), json.toString());

        // Inline handlers: Chromium sends no source file or line, Firefox no line. One kind per page, not one per site.
        assertEquals(Set.of(List.of(CHROMIUM_PAGES + "/a", 0L), List.of(CHROMIUM_PAGES + "/b", 0L),
                List.of(CHROMIUM_PAGES + "/b-ro", 0L), List.of(CHROMIUM_PAGES + "/b-ro", 7L), List.of(FIREFOX_PAGES + "/a", 0L)),
                kinds(summary, "script-src-attr", "source", "line"));
    }

    /** The given fields of the summary's entries for one directive. */
    private static Set<List<Object>> kinds(CspViolationSummary summary, String directive, String... fields) {
        return entries(summary).stream().filter(e -> e.get("directive").equals(directive))
                .map(e -> Arrays.stream(fields).map(e::get).toList()).collect(Collectors.toSet());
    }
}
