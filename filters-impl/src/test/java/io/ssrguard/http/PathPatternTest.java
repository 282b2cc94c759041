package io.ssrguard.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathPatternTest {

    static boolean matches(String pattern, String path) {
        return PathPattern.parse(pattern, "test").matches(path);
    }

    @Test
    void prefixMatchesItselfAndWhatContinuesItWithASlash() {
        assertTrue(matches("/internal/*", "/internal"));
        assertTrue(matches("/internal/*", "/internal/"));
        assertTrue(matches("/internal/*", "/internal/metrics"));
        assertFalse(matches("/internal/*", "/internals"));
        assertFalse(matches("/internal/*", "/interna"));
        assertFalse(matches("/internal/*", "/Internal/metrics"));
        assertFalse(matches("/internal/*", "/api/internal"));
        assertFalse(matches("/internal/*", ""));
        assertTrue(matches("/*", "/"));
        assertTrue(matches("/*", "/anything"));
        assertTrue(matches("/*", ""));
    }

    @Test
    void exactPathMatchesOnlyItself() {
        assertTrue(matches("/health", "/health"));
        assertFalse(matches("/health", "/health/"));
        assertFalse(matches("/health", "/healthz"));
        assertFalse(matches("/health", "/"));
    }

    @Test
    void anyMatchesWalksTheList() {
        List<PathPattern> patterns = List.of(PathPattern.parse("/a", "test"), PathPattern.parse("/b/*", "test"));
        assertTrue(PathPattern.anyMatches(patterns, "/b/c"));
        assertTrue(PathPattern.anyMatches(patterns, "/a"));
        assertFalse(PathPattern.anyMatches(patterns, "/c"));
        assertFalse(PathPattern.anyMatches(List.of(), "/a"));
    }
}
