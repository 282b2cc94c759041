package io.ssrguard.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestCookiesTest {

    @Test
    void findsAPairByItsExactName() {
        String jar = "_ga=GA1.1.12; __Host-ssrguard-at=eyJ.a.b; theme=dark";
        assertEquals("eyJ.a.b", RequestCookies.valueIn(jar, "__Host-ssrguard-at"));
        assertEquals("GA1.1.12", RequestCookies.valueIn(jar, "_ga"));
        assertEquals("dark", RequestCookies.valueIn(jar, "theme"));
        assertNull(RequestCookies.valueIn(jar, "__host-ssrguard-at"), "names are case-sensitive");
        assertNull(RequestCookies.valueIn(jar, "__Host-ssrguard"), "a prefix of a name is not the name");
        assertNull(RequestCookies.valueIn(jar, "ssrguard-at"), "a suffix of a name is not the name");
        assertNull(RequestCookies.valueIn(jar, "GA1.1.12"), "a value is not a name");
    }

    @Test
    void theFirstPairWithTheNameWins() {
        assertEquals("first", RequestCookies.valueIn("a=first; a=second", "a"));
    }

    @Test
    void whitespaceAroundNamesAndValuesIsNotPartOfThem() {
        assertEquals("v", RequestCookies.valueIn("  x = v ;y=w", "x"));
        assertEquals("w", RequestCookies.valueIn("x=v;\ty=w\t", "y"));
        assertEquals("a b", RequestCookies.valueIn("x=a b", "x"), "inner whitespace stays");
    }

    @Test
    void valuesKeepEqualsSignsAndQuotes() {
        assertEquals("dGVzdA==", RequestCookies.valueIn("t=dGVzdA==", "t"));
        assertEquals("\"quoted\"", RequestCookies.valueIn("t=\"quoted\"", "t"));
        assertEquals("", RequestCookies.valueIn("t=; u=1", "t"));
    }

    @Test
    void malformedPairsAreSkipped() {
        assertEquals("1", RequestCookies.valueIn("novalue; ;;=orphan; t=1", "t"));
        assertNull(RequestCookies.valueIn("t", "t"), "a pair without = has no value");
        assertNull(RequestCookies.valueIn("", "t"));
        assertNull(RequestCookies.valueIn(";;;", "t"));
        assertNull(RequestCookies.valueIn("t=1", ""), "the empty name is never looked up by the pack, and never found");
    }

    @Test
    void readsEveryCookieHeaderInOrder() {
        assertEquals("2", RequestCookies.value(request(List.of("a=1", "b=2; a=3")), "b"));
        assertEquals("1", RequestCookies.value(request(List.of("a=1", "a=3")), "a"));
        assertNull(RequestCookies.value(request(List.of()), "a"));
        assertNull(RequestCookies.value(request(null), "a"), "a container that hides headers: no cookie");
    }

    private static HttpServletRequest request(List<String> cookieHeaders) {
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> {
                    if (m.getName().equals("getHeaders") && args[0].equals("Cookie")) {
                        return cookieHeaders == null ? null : Collections.enumeration(cookieHeaders);
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }
}
