package io.ssrguard.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SealedTokensTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final SecretKey KEY = key();
    private static final byte[] PLAIN = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

    private final SealedTokens tokens = new SealedTokens(List.of(KEY), null, RANDOM, "token", 200, 2);

    @Test
    void aSealedValueIsUnpaddedBase64urlOfIvCiphertextTagAndOpensAgain() throws Exception {
        String sealed = tokens.seal(PLAIN);
        assertTrue(sealed.matches("[A-Za-z0-9_-]+"), sealed);
        assertEquals(AesGcmSealer.IV_BYTES + PLAIN.length + AesGcmSealer.TAG_BYTES,
                Base64.getUrlDecoder().decode(sealed).length);
        assertArrayEquals(PLAIN, tokens.open(sealed));
        assertFalse(sealed.equals(tokens.seal(PLAIN)), "a fresh IV every time");
    }

    @Test
    void eachWayOfNotBeingASealedValueHasItsReasonAndNamesNoValue() {
        String sealed = tokens.seal(PLAIN);
        assertEquals(SealedTokens.Unreadable.MISSING, reason(tokens, null));
        assertEquals(SealedTokens.Unreadable.MISSING, reason(tokens, ""));
        assertEquals(SealedTokens.Unreadable.MALFORMED, reason(tokens, "A".repeat(201)));
        assertEquals(SealedTokens.Unreadable.MALFORMED, reason(tokens, sealed + "=="), "padding is never produced");
        assertEquals(SealedTokens.Unreadable.MALFORMED, reason(tokens, sealed.substring(1) + "+"), "the standard alphabet");
        assertEquals(SealedTokens.Unreadable.MALFORMED,
                reason(tokens, Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[29])), "too short");
        char last = sealed.charAt(sealed.length() - 2);
        String tampered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);
        assertEquals(SealedTokens.Unreadable.NOT_AUTHENTIC, reason(tokens, tampered));
        SealedTokens.UnreadableTokenException e = assertThrows(SealedTokens.UnreadableTokenException.class,
                () -> tokens.open(tampered));
        assertFalse(e.getMessage().contains(tampered), e.getMessage());
    }

    @Test
    void associatedDataKeepsTwoUsesOfTheSameKeysApart() throws Exception {
        SealedTokens flows = new SealedTokens(List.of(KEY), "purpose".getBytes(StandardCharsets.US_ASCII), RANDOM,
                "cookie", 200, 2);
        assertEquals(SealedTokens.Unreadable.NOT_AUTHENTIC, reason(tokens, flows.seal(PLAIN)));
        assertEquals(SealedTokens.Unreadable.NOT_AUTHENTIC, reason(flows, tokens.seal(PLAIN)));
        assertArrayEquals(PLAIN, flows.open(flows.seal(PLAIN)));
    }

    @Test
    void aPreviousKeyStillOpensAfterARotation() throws Exception {
        String old = tokens.seal(PLAIN);
        SealedTokens rotated = new SealedTokens(List.of(key(), KEY), null, RANDOM, "token", 200, 2);
        assertArrayEquals(PLAIN, rotated.open(old));
        assertEquals(SealedTokens.Unreadable.NOT_AUTHENTIC, reason(tokens, rotated.seal(PLAIN)), "new ones under the new key");
    }

    private static SealedTokens.Unreadable reason(SealedTokens codec, String text) {
        return assertThrows(SealedTokens.UnreadableTokenException.class, () -> codec.open(text)).reason();
    }

    private static SecretKey key() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new SecretKeySpec(bytes, "AES");
    }
}
