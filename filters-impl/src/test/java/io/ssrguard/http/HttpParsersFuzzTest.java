package io.ssrguard.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ssrguard.config.SettingsException;
import io.ssrguard.testing.FuzzBudget;
import io.ssrguard.testing.FuzzInput;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Fuzzes what the pack reads of request headers and paths: {@code Origin}/{@code Referer} as
 * {@link WebOrigin}s, {@code Forwarded} and {@code X-Forwarded-*} through {@link OriginResolver}
 * (from a trusted proxy, the case where they count), and path patterns against paths.
 *
 * <p>Invariants: an origin parses to empty or to a normalised origin whose serialisation parses
 * back to itself; the resolver answers at most one origin, never throws; a pattern is refused with
 * {@link SettingsException} only, and a prefix pattern matches exactly its prefix and the paths
 * under it, never a sibling such as {@code /internalx}. Each call under {@link FuzzInput#BOUND}.
 */
class HttpParsersFuzzTest {

    private final OriginResolver resolver = new OriginResolver(List.of(),
            List.of(AddressRange.parse("10.0.0.0/8").orElseThrow()));

    /** Input: one header value, read as an Origin header, a configured origin and a Referer. */
    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void origin(byte[] data) throws Exception {
        String value = FuzzInput.latin1(data);
        FuzzInput.bounded("origin parsing", () -> {
            for (Optional<WebOrigin> origin : List.of(WebOrigin.ofHeader(value), WebOrigin.parse(value),
                    WebOrigin.ofUrl(value))) {
                origin.ifPresent(HttpParsersFuzzTest::assertCanonical);
            }
        });
    }

    /**
     * Input: lines {@code Name: value} of request headers (Forwarded, X-Forwarded-Proto/-Host/-Port)
     * sent by a trusted proxy to a container that received https://shop.example.com.
     */
    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void forwardedHeaders(byte[] data) throws Exception {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line : FuzzInput.latin1(data).split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        FuzzInput.bounded("forwarded header resolution", () -> {
            List<WebOrigin> origins = resolver.resolve("10.1.2.3", "https", "shop.example.com", 443, headers::get);
            assertTrue(origins.size() <= 1, "more than one origin from forwarded headers: " + origins);
            origins.forEach(HttpParsersFuzzTest::assertCanonical);
        });
    }

    /** Input: a configured pattern on the first line, a request path on the second. */
    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void pathPattern(byte[] data) throws Exception {
        String[] lines = FuzzInput.lines(data, 2);
        FuzzInput.bounded("path pattern matching", () -> {
            PathPattern pattern;
            try {
                pattern = PathPattern.parse(lines[0], "ssrguard.fuzz.paths");
            } catch (SettingsException refused) {
                assertTrue(refused.getMessage().startsWith("ssrguard.fuzz.paths"), refused.getMessage());
                return;
            }
            String p = pattern.pattern();
            boolean expected = pattern.isPrefix()
                    ? lines[1].equals(p.substring(0, p.length() - 2)) || lines[1].startsWith(p.substring(0, p.length() - 1))
                    : lines[1].equals(p);
            assertEquals(expected, pattern.matches(lines[1]), "pattern " + p + " against path " + lines[1]);
        });
    }

    private static void assertCanonical(WebOrigin origin) {
        assertTrue(origin.scheme().equals("http") || origin.scheme().equals("https"), "scheme " + origin.scheme());
        assertTrue(origin.port() >= 1 && origin.port() <= 65535, "port " + origin.port());
        assertEquals(Optional.of(origin), WebOrigin.ofHeader(origin.toString()),
                "the serialised origin " + origin + " does not parse back to itself");
    }
}
