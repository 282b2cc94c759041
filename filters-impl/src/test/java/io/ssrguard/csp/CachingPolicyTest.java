package io.ssrguard.csp;

import io.ssrguard.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.csp.CachingPolicy.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CachingPolicyTest {

    static final Duration TTL = Duration.ofMinutes(5);
    static final Duration STALE = Duration.ofMinutes(10);
    static final String GOOD = "default-src 'self'; img-src https://cdn.example";
    static final String NEWER = "default-src 'self'; img-src https://cdn.example https://analytics.example";
    static final String FALLBACK = "default-src 'none'";

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final RecordingScheduler scheduler = new RecordingScheduler();
    final ScriptedSource source = new ScriptedSource();
    final CspHeaderCompiler compiler = new CspHeaderCompiler(new CspPolicyParser(4096, "{nonce}"), List.of(), "{nonce}",
            Optional.empty(), Optional.empty());

    @AfterEach
    void shutdown() {
        scheduler.shutdownNow();
    }

    CachingPolicy policy() throws Exception {
        return new CachingPolicy(source, compiler, compiler.compile(FALLBACK), TTL, STALE, clock, scheduler);
    }

    static String header(CachingPolicy p) {
        return p.current().render("n");
    }

    @Test
    void freshPolicyIsLoadedAtStartAndRefreshedInTheBackgroundAfterTtl() throws Exception {
        CachingPolicy p = policy();
        source.serving(GOOD, null);
        p.start();
        assertEquals(GOOD, header(p));
        assertEquals(Status.FRESH, p.status());
        assertEquals(1, scheduler.scheduled());
        assertEquals(TTL, scheduler.lastDelay());

        source.serving(NEWER, null);
        for (int i = 0; i < 1000; i++) {
            header(p);
        }
        assertEquals(1, source.calls(), "requests never reach the source");
        assertEquals(GOOD, header(p), "no change before the refresh");

        clock.advance(TTL);
        scheduler.runLast();
        assertEquals(NEWER, header(p));
        assertEquals(Status.FRESH, p.status());
        assertEquals(2, scheduler.scheduled(), "next refresh scheduled");
        assertEquals(TTL, scheduler.lastDelay());
    }

    @Test
    void failedRefreshKeepsLastGoodPolicyWithinStaleWindowAndRetriesBeforeItEnds() throws Exception {
        CachingPolicy p = policy();
        source.serving(GOOD, null);
        p.start();

        clock.advance(TTL);
        source.failing("HTTP 500");
        scheduler.runLast();
        assertEquals(Status.STALE, p.status());
        assertEquals(GOOD, header(p));
        assertEquals(TTL, scheduler.lastDelay(), "window (10 min) longer than TTL: normal interval");

        clock.advance(TTL.plus(Duration.ofMinutes(3)));
        scheduler.runLast();
        assertEquals(Status.STALE, p.status());
        assertEquals(GOOD, header(p));
        assertEquals(Duration.ofMinutes(2), scheduler.lastDelay(), "next try exactly when the window ends");
    }

    @Test
    void fallbackAppliesOnceTheStaleWindowHasPassed() throws Exception {
        CachingPolicy p = policy();
        source.serving(GOOD, null);
        p.start();

        source.failing("timeout");
        clock.advance(TTL.plus(STALE).minusSeconds(1));
        p.refresh();
        assertEquals(Status.STALE, p.status());
        assertEquals(GOOD, header(p));

        clock.advance(Duration.ofSeconds(1));
        p.refresh();
        assertEquals(Status.FALLBACK, p.status());
        assertEquals(FALLBACK, header(p));
    }

    @Test
    void aSourceThatHangsPastTheStaleWindowIsJudgedWhenItFailsNotWhenTheFetchBegan() throws Exception {
        PolicySource hanging = new PolicySource() {
            int calls;

            @Override
            public PolicyFetch fetch(String knownVersion) throws PolicySourceException {
                if (calls++ == 0) {
                    return new PolicyFetch.Loaded(GOOD, "v1");
                }
                clock.advance(STALE.plusSeconds(1)); // hangs until its own timeout
                throw new PolicySourceException("timed out");
            }

            @Override
            public String description() {
                return "a CMS that hangs";
            }
        };
        CachingPolicy p = new CachingPolicy(hanging, compiler, compiler.compile(FALLBACK), TTL, STALE, clock, scheduler);
        p.start();
        clock.advance(TTL);
        p.refresh();
        assertEquals(Status.FALLBACK, p.status(), "the window ended during the hang");
        assertEquals(FALLBACK, header(p));
    }

    @Test
    void recoveredSourceBringsItsPolicyBackAtTheNextRefresh() throws Exception {
        CachingPolicy p = policy();
        source.serving(GOOD, null);
        p.start();
        source.failing("down");
        clock.advance(Duration.ofHours(1));
        p.refresh();
        assertEquals(Status.FALLBACK, p.status());

        source.serving(NEWER, null);
        clock.advance(TTL);
        scheduler.runLast();
        assertEquals(Status.FRESH, p.status());
        assertEquals(NEWER, header(p));
    }

    @Test
    void notModifiedConfirmsTheLastGoodPolicyEvenAfterFallback() throws Exception {
        CachingPolicy p = policy();
        source.serving(GOOD, "\"v1\"");
        p.start();

        source.answering(PolicyFetch::notModified);
        clock.advance(Duration.ofMinutes(14));
        p.refresh();
        assertEquals(Status.FRESH, p.status());
        assertEquals(GOOD, header(p));

        source.failing("down");
        clock.advance(Duration.ofMinutes(14));
        p.refresh();
        assertEquals(Status.STALE, p.status(), "the 304 restarted the stale window");

        clock.advance(Duration.ofMinutes(10));
        p.refresh();
        assertEquals(Status.FALLBACK, p.status());

        source.answering(PolicyFetch::notModified);
        p.refresh();
        assertEquals(Status.FRESH, p.status());
        assertEquals(GOOD, header(p));
        assertEquals(Arrays.asList(null, "\"v1\"", "\"v1\"", "\"v1\"", "\"v1\""), source.askedVersions);
    }

    @Test
    void invalidPolicyFromTheSourceIsRejectedAndTheLastGoodOneStays() throws Exception {
        CachingPolicy p = policy();
        source.serving(GOOD, null);
        p.start();
        source.serving("default-src *\r\nSet-Cookie: session=evil", null);
        clock.advance(TTL);
        p.refresh();
        assertEquals(Status.STALE, p.status());
        assertEquals(GOOD, header(p));
    }

    @Test
    void nothingGoodAtStartMeansFallbackAndDeploymentGoesOn() throws Exception {
        CachingPolicy p = policy();
        source.serving("script-src *; nonsense-src x", null);
        p.start();
        assertEquals(Status.FALLBACK, p.status());
        assertEquals(FALLBACK, header(p));
        assertEquals(TTL, scheduler.lastDelay());
    }

    @Test
    void sourceThatThrowsUncheckedStillFailsOverAndKeepsTheScheduleGoing() throws Exception {
        CachingPolicy p = policy();
        source.serving(GOOD, null);
        p.start();
        source.answering(() -> {
            throw new IllegalStateException("bug in a source");
        });
        clock.advance(Duration.ofHours(1));
        scheduler.runLast();
        assertEquals(Status.FALLBACK, p.status());
        assertEquals(2, scheduler.scheduled());
    }

    @Test
    void stopCancelsTheNextRefreshAndSchedulesNoMore() throws Exception {
        CachingPolicy p = policy();
        source.serving(GOOD, null);
        p.start();
        p.stop();
        assertTrue(scheduler.lastCancelled());
        scheduler.runLast();
        assertEquals(1, scheduler.scheduled());
        assertEquals(GOOD, header(p), "the policy in force stays readable");
    }

    static final String EMBED = "default-src 'self'; frame-ancestors 'self'";
    static final String EMBED_VIDEO = "default-src 'self'; media-src https://video.example; frame-ancestors 'self'";

    @Test
    void mostSpecificPathPatternWinsAndTheDefaultCoversTheRest() throws Exception {
        CachingPolicy p = policy();
        source.answering(() -> PolicyFetch.loaded(GOOD, java.util.Map.of("/embed/*", EMBED,
                "/embed/video/*", EMBED_VIDEO, "/embed/video/live.html", NEWER), null));
        p.start();
        assertEquals(Status.FRESH, p.status());
        assertEquals(GOOD, p.current("/").render("n"));
        assertEquals(GOOD, p.current("/embedded").render("n"), "a prefix matches whole segments only");
        assertEquals(EMBED, p.current("/embed").render("n"));
        assertEquals(EMBED, p.current("/embed/map.html").render("n"));
        assertEquals(EMBED_VIDEO, p.current("/embed/video/1.html").render("n"));
        assertEquals(NEWER, p.current("/embed/video/live.html").render("n"), "an exact path before any prefix");
        assertEquals(GOOD, header(p));
        assertTrue(p.current("/embed/x").restrictsFraming());
    }

    @Test
    void invalidPathPolicyIsRefusedAloneAndKeepsItsOwnLastGoodThenTheFallback() throws Exception {
        CachingPolicy p = policy();
        source.answering(() -> PolicyFetch.loaded(GOOD, java.util.Map.of("/embed/*", EMBED, "/admin/*", GOOD), null));
        p.start();

        source.answering(() -> PolicyFetch.loaded(NEWER, java.util.Map.of("/embed/*", "frame-ancestors 'self'; nonsense-src x",
                "/admin/*", NEWER, "no-slash/*", EMBED, "/a*b", EMBED), null));
        clock.advance(TTL);
        p.refresh();
        assertEquals(Status.STALE, p.status());
        assertEquals(NEWER, header(p), "the default's new policy is in force");
        assertEquals(NEWER, p.current("/admin/x").render("n"), "the other path's new policy is in force");
        assertEquals(EMBED, p.current("/embed/x").render("n"), "only the refused path keeps its last good policy");
        assertEquals(NEWER, p.current("/no-slash/x").render("n"), "a bad pattern is refused with its policy");

        clock.advance(TTL.plus(STALE));
        p.refresh();
        assertEquals(Status.FALLBACK, p.status());
        assertEquals(FALLBACK, p.current("/embed/x").render("n"), "then the fallback, for that path only");
        assertEquals(NEWER, header(p));

        source.answering(() -> PolicyFetch.loaded(NEWER, java.util.Map.of(), null));
        p.refresh();
        assertEquals(Status.FRESH, p.status());
        assertEquals(NEWER, p.current("/embed/x").render("n"), "a pattern the source dropped is gone at once");
    }

    @Test
    void failingSourceKeepsEveryPathPolicyForTheStaleWindowThenFallsBack() throws Exception {
        CachingPolicy p = policy();
        source.answering(() -> PolicyFetch.loaded(GOOD, java.util.Map.of("/embed/*", EMBED), "\"v1\""));
        p.start();
        source.failing("down");
        clock.advance(TTL);
        p.refresh();
        assertEquals(Status.STALE, p.status());
        assertEquals(EMBED, p.current("/embed/x").render("n"));

        source.answering(PolicyFetch::notModified);
        p.refresh();
        assertEquals(Status.FRESH, p.status(), "304 confirms every policy of the accepted version");
        assertEquals(EMBED, p.current("/embed/x").render("n"));

        source.failing("down");
        clock.advance(TTL.plus(STALE).plusSeconds(1));
        p.refresh();
        assertEquals(Status.FALLBACK, p.status());
        assertEquals(FALLBACK, p.current("/embed/x").render("n"));
        assertEquals(FALLBACK, header(p));
    }
}
