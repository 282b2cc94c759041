package io.ssrguard.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SuccessorKeyTest {

    final SecureRandom random = new SecureRandom();

    static SuccessorKey key(int fill) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) fill);
        return new SuccessorKey(new SecretKeySpec(bytes, "HmacSHA256"));
    }

    @Test
    void theSameTokenAndKeyAlwaysGiveTheSameWellFormedSuccessor() {
        String token = RefreshTokenFormat.generate(random);

        String successor = key(1).successorOf(token);

        assertEquals(successor, key(1).successorOf(token));
        assertTrue(RefreshTokenFormat.wellFormed(successor), successor);
        assertNotEquals(token, successor);
    }

    @Test
    void anotherKeyOrTokenGivesAnotherSuccessor() {
        String token = RefreshTokenFormat.generate(random);

        assertNotEquals(key(1).successorOf(token), key(2).successorOf(token));
        assertNotEquals(key(1).successorOf(token), key(1).successorOf(RefreshTokenFormat.generate(random)));
    }

    @Test
    void theKeyIsNotPrinted() {
        assertFalse(key(1).toString().contains("AQEB"));
    }

    @Test
    void wellFormedTokensAreExactly43Base64urlCharacters() {
        assertTrue(RefreshTokenFormat.wellFormed("A".repeat(43)));
        assertTrue(RefreshTokenFormat.wellFormed("-_" + "z".repeat(41)));
        assertFalse(RefreshTokenFormat.wellFormed("A".repeat(42) + "+"));
        assertFalse(RefreshTokenFormat.wellFormed("A".repeat(42) + "="));
        assertFalse(RefreshTokenFormat.wellFormed(null));
        assertEquals(64, RefreshTokenFormat.hash("x").length());
        assertEquals(RefreshTokenFormat.HASH_PREFIX_LENGTH, RefreshTokenFormat.prefix(RefreshTokenFormat.hash("x")).length());
    }
}
