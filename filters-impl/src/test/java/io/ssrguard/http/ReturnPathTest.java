package io.ssrguard.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReturnPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/orders/42", "/search?q=a%20b&page=2", "/page#section", "/a/b/", "/%2F%2Fevil.example",
            "/caf%C3%A9"})
    void acceptsPathsInsideTheApplication(String value) {
        assertEquals(Optional.of(value), ReturnPath.parse(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "//evil.example", "///evil.example", "https://evil.example", "http://evil.example/x",
            "javascript:alert(1)", "/\\evil.example", "\\\\evil.example", "/\\/evil.example", "evil.example",
            "orders/42", "/a\\b", "/\t/evil.example", "/a\nLocation: x", "/a\rb", "/a b", "/caf\u00e9", "/\u0000",
            "/a\u007f", " /orders"})
    void refusesEverythingThatCouldLeaveTheSite(String value) {
        assertTrue(ReturnPath.parse(value).isEmpty(), () -> "accepted: " + value);
    }

    @org.junit.jupiter.api.Test
    void refusesNullAndOverlongValues() {
        assertTrue(ReturnPath.parse(null).isEmpty());
        assertTrue(ReturnPath.parse("/" + "a".repeat(ReturnPath.MAX_LENGTH)).isEmpty());
        assertTrue(ReturnPath.parse("/" + "a".repeat(ReturnPath.MAX_LENGTH - 1)).isPresent());
    }
}
