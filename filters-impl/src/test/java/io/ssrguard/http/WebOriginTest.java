package io.ssrguard.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WebOriginTest {

    @Test
    void normalisesCaseAndDefaultPorts() {
        assertEquals(new WebOrigin("https", "shop.example.com", 443), WebOrigin.parse("HTTPS://Shop.Example.COM:443").orElseThrow());
        assertEquals(new WebOrigin("http", "localhost", 8080), WebOrigin.parse("http://localhost:8080/").orElseThrow());
        assertTrue(WebOrigin.ofHeader("http://localhost:8080/").isEmpty(), "an Origin header never has a path");
        assertEquals(new WebOrigin("http", "localhost", 8080), WebOrigin.ofHeader("http://localhost:8080").orElseThrow());
        assertTrue(WebOrigin.parse("http://localhost:8080//").isEmpty());
        assertEquals("https://shop.example.com", WebOrigin.parse("https://shop.example.com:443").orElseThrow().toString());
        assertEquals("http://[::1]:8080", WebOrigin.parse("http://[::1]:8080").orElseThrow().toString());
    }

    @Test
    void urlGivesItsOrigin() {
        assertEquals("https://shop.example.com:8443",
                WebOrigin.ofUrl("https://shop.example.com:8443/a/b?c=d#e").orElseThrow().toString());
        assertEquals("https://shop.example.com", WebOrigin.ofUrl("https://shop.example.com?x").orElseThrow().toString());
    }

    @Test
    void containerPartsGiveAnOrigin() {
        assertEquals("http://backend:8080", WebOrigin.of("http", "backend", 8080).orElseThrow().toString());
        assertEquals("http://[::1]:8080", WebOrigin.of("http", "::1", 8080).orElseThrow().toString());
    }

    @Test
    void refusesWhatIsNotAnOrigin() {
        for (String bad : List.of("null", "", "example.com", "ftp://example.com", "https://", "https://:443",
                "https://a@b.example", "https://b.example:", "https://b.example:0", "https://b.example:65536",
                "https://b.example:12a", "https://exa mple.com", "https://[zz::1]", "https://[::1", "https://b.example/path",
                "https://b.example%2fevil", "https://-b.example", "https://b.example/" + "a".repeat(3000))) {
            assertTrue(WebOrigin.parse(bad).isEmpty(), bad);
        }
        assertTrue(WebOrigin.ofUrl("https://a@b.example/").isEmpty());
    }
}
