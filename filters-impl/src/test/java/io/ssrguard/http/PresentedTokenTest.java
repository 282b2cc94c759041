package io.ssrguard.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class PresentedTokenTest {

    static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.q3Y4kQ0qG9n0lX3jz3b1ZKp2cJm9XhQeH3cV7n8s2JqfTq0m4bX0o1Wc";

    @Test
    void equalOnlyToTheSameCharacters() {
        assertEquals(new PresentedToken(TOKEN), new PresentedToken(new String(TOKEN)));
        assertEquals(new PresentedToken(TOKEN).hashCode(), new PresentedToken(new String(TOKEN)).hashCode());
        assertNotEquals(new PresentedToken(TOKEN), new PresentedToken(TOKEN + "."));
        assertNotEquals(new PresentedToken(TOKEN), new PresentedToken(TOKEN.substring(1)));
        assertNotEquals(new PresentedToken(TOKEN), new PresentedToken("X" + TOKEN.substring(1)),
                "a change before the hashed tail: same hash, still not equal");
        assertEquals(new PresentedToken(TOKEN).hashCode(), new PresentedToken("X" + TOKEN.substring(1)).hashCode());
        assertNotEquals(new PresentedToken(TOKEN), TOKEN);
    }

    @Test
    void aMapKeyedByItFindsOnlyTheExactToken() {
        ConcurrentHashMap<PresentedToken, String> map = new ConcurrentHashMap<>();
        map.put(new PresentedToken(TOKEN), "alice");
        assertEquals("alice", map.get(new PresentedToken(new String(TOKEN))));
        String tamperedPayload = TOKEN.replace("eyJzdWIiOiJhbGljZSJ9", "eyJzdWIiOiJhZG1pbiJ9");
        assertEquals(null, map.get(new PresentedToken(tamperedPayload)), "copied signature, other payload");
        assertEquals(null, map.get(new PresentedToken("")));
    }

    @Test
    void constantTimeEqualsIsPlainEquality() {
        assertTrue(PresentedToken.constantTimeEquals("abc", "abc"));
        assertFalse(PresentedToken.constantTimeEquals("abc", "abd"));
        assertFalse(PresentedToken.constantTimeEquals("abc", "abcd"));
        assertTrue(PresentedToken.constantTimeEquals("", ""));
    }

    @Test
    void neverPrintsTheToken() {
        assertFalse(new PresentedToken(TOKEN).toString().contains("eyJ"));
    }
}
