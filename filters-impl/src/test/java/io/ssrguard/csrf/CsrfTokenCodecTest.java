package io.ssrguard.csrf;

import io.ssrguard.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class CsrfTokenCodecTest {

    static final String UA = "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0";

    final MutableClock clock = new MutableClock();
    final SecretKey key = TestKeys.aes();
    final CsrfTokenCodec codec = codec(key);

    CsrfTokenCodec codec(SecretKey... keys) {
        return new CsrfTokenCodec(List.of(keys), clock, TestKeys.RANDOM);
    }

    static CsrfRejection rejection(CsrfTokenCodec codec, String token) {
        return assertThrows(CsrfRejectedException.class, () -> codec.decode(token)).reason();
    }

    static String flipByte(String token, int index) {
        byte[] raw = Base64.getUrlDecoder().decode(token);
        int i = index < 0 ? raw.length + index : index;
        raw[i] ^= 0x01;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    @Test
    void roundTripKeepsEveryField() throws Exception {
        CsrfToken client = codec.decode(codec.mint(CsrfPurpose.CLIENT, UA, "family-1"));
        assertEquals(clock.instant(), client.issuedAt());
        assertEquals(CsrfPurpose.CLIENT, client.purpose());
        assertEquals(CsrfTokenCodec.userAgentHash(UA), client.userAgentHash());
        assertEquals("family-1", client.sessionId());
        assertEquals(16, client.salt().length());

        CsrfToken ssr = codec.decode(codec.mint(CsrfPurpose.SSR, UA, null));
        assertEquals(CsrfPurpose.SSR, ssr.purpose());
        assertNull(ssr.sessionId());
    }

    @Test
    void wireFormatIsUnpaddedBase64urlOfIvCiphertextTagOverTheDocumentedJson() throws Exception {
        String token = codec.mint(CsrfPurpose.CLIENT, UA, "family-1");
        assertTrue(token.matches("[A-Za-z0-9_-]+"), token);

        byte[] raw = Base64.getUrlDecoder().decode(token);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, raw, 0, 12));
        String json = new String(cipher.doFinal(raw, 12, raw.length - 12), StandardCharsets.UTF_8);

        Map<String, Object> payload = JSONObjectUtils.parse(json);
        assertEquals(clock.instant().toEpochMilli(), ((Number) payload.get("d")).longValue());
        assertEquals("client", payload.get("p"));
        assertEquals("family-1", payload.get("sid"));
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(UA.getBytes(StandardCharsets.UTF_8));
        assertEquals(HexFormat.of().formatHex(sha).substring(0, 16), payload.get("ua"));
        assertTrue(payload.get("s") instanceof String s && !s.isEmpty());
        assertEquals(12 + json.getBytes(StandardCharsets.UTF_8).length + 16, raw.length, "IV || ciphertext || tag");
    }

    @Test
    void anonymousTokenCarriesNoSidField() throws Exception {
        String token = codec.mint(CsrfPurpose.CLIENT, UA, null);
        byte[] raw = Base64.getUrlDecoder().decode(token);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, raw, 0, 12));
        String json = new String(cipher.doFinal(raw, 12, raw.length - 12), StandardCharsets.UTF_8);
        assertFalse(json.contains("sid"), json);
    }

    @Test
    void everyTokenIsDifferent() {
        assertNotEquals(codec.mint(CsrfPurpose.CLIENT, UA, "s"), codec.mint(CsrfPurpose.CLIENT, UA, "s"));
    }

    @Test
    void tamperedCiphertextTagOrIvIsUndecryptable() {
        String token = codec.mint(CsrfPurpose.CLIENT, UA, "family-1");
        assertEquals(CsrfRejection.UNDECRYPTABLE, rejection(codec, flipByte(token, 0)), "IV");
        assertEquals(CsrfRejection.UNDECRYPTABLE, rejection(codec, flipByte(token, 11)), "IV");
        assertEquals(CsrfRejection.UNDECRYPTABLE, rejection(codec, flipByte(token, 12)), "ciphertext");
        assertEquals(CsrfRejection.UNDECRYPTABLE, rejection(codec, flipByte(token, 30)), "ciphertext");
        assertEquals(CsrfRejection.UNDECRYPTABLE, rejection(codec, flipByte(token, -1)), "tag");
        assertEquals(CsrfRejection.UNDECRYPTABLE, rejection(codec, flipByte(token, -16)), "tag");
    }

    @Test
    void truncatedOrExtendedTokenIsUndecryptable() {
        String token = codec.mint(CsrfPurpose.CLIENT, UA, null);
        assertEquals(CsrfRejection.UNDECRYPTABLE, rejection(codec, token.substring(0, token.length() - 4)));
        assertEquals(CsrfRejection.UNDECRYPTABLE, rejection(codec, token + "AAAA"));
    }

    @Test
    void tokenUnderAnotherKeyIsUndecryptable() {
        String token = codec(TestKeys.aes()).mint(CsrfPurpose.CLIENT, UA, null);
        assertEquals(CsrfRejection.UNDECRYPTABLE, rejection(codec, token));
    }

    @Test
    void rotationEncryptsWithTheNewKeyAndStillAcceptsThePreviousOne() throws Exception {
        SecretKey previous = key;
        SecretKey next = TestKeys.aes();
        String oldToken = codec.mint(CsrfPurpose.CLIENT, UA, "family-1");

        CsrfTokenCodec rotated = codec(next, previous);
        assertEquals("family-1", rotated.decode(oldToken).sessionId(), "previous key still accepted");

        String newToken = rotated.mint(CsrfPurpose.CLIENT, UA, "family-1");
        codec(next).decode(newToken);
        assertEquals(CsrfRejection.UNDECRYPTABLE, rejection(codec(previous), newToken), "new tokens use the active key");

        CsrfTokenCodec retired = codec(next);
        assertEquals(CsrfRejection.UNDECRYPTABLE, rejection(retired, oldToken), "retired key no longer accepted");
    }

    @Test
    void garbageIsUndecryptableAndNothingIsEmpty() {
        for (String garbage : List.of("x", "!!!!", "abc def", "A".repeat(40), "AAAA====", "a+b/c+d/" + "A".repeat(40),
                "%00%00", "eyJhbGciOiJIUzI1NiJ9.e30.sig", "ü".repeat(50), "A".repeat(37))) {
            assertEquals(CsrfRejection.UNDECRYPTABLE, rejection(codec, garbage), garbage);
        }
        assertEquals(CsrfRejection.MISSING, rejection(codec, ""));
        assertEquals(CsrfRejection.MISSING, rejection(codec, null));
    }

    @Test
    void oversizedValueIsRefusedBeforeDecoding() {
        CsrfRejectedException e = assertThrows(CsrfRejectedException.class,
                () -> codec.decode("A".repeat(CsrfTokenCodec.MAX_TOKEN_LENGTH + 1)));
        assertEquals(CsrfRejection.UNDECRYPTABLE, e.reason());
        assertTrue(e.getMessage().contains("over " + CsrfTokenCodec.MAX_TOKEN_LENGTH), e.getMessage());
        assertEquals(CsrfRejection.UNDECRYPTABLE, rejection(codec, "A".repeat(1_000_000)));
    }

    @Test
    void paddedTokenIsRefused() {
        String token = codec.mint(CsrfPurpose.CLIENT, UA, null);
        String padded = Base64.getUrlEncoder().encodeToString(Base64.getUrlDecoder().decode(token));
        if (!padded.endsWith("=")) {
            padded = token + "==";
        }
        assertEquals(CsrfRejection.UNDECRYPTABLE, rejection(codec, padded));
    }

    @Test
    void authenticButMalformedPayloadIsUndecryptable() throws Exception {
        for (String json : List.of("{}", "[]", "{\"d\":1}", "{\"d\":1,\"p\":\"admin\",\"s\":\"x\",\"ua\":\"y\"}",
                "{\"d\":\"1\",\"p\":\"ssr\",\"s\":\"x\",\"ua\":\"y\"}", "not json at all")) {
            assertEquals(CsrfRejection.UNDECRYPTABLE, rejection(codec, encryptRaw(key, json)), json);
        }
    }

    @Test
    void detailsNeverQuoteTheToken() {
        String token = codec(TestKeys.aes()).mint(CsrfPurpose.CLIENT, UA, "family-1");
        CsrfRejectedException e = assertThrows(CsrfRejectedException.class, () -> codec.decode(token));
        assertFalse(e.getMessage().contains(token.substring(0, 10)), e.getMessage());
    }

    @Test
    void userAgentHashIsTheFirstSixteenHexCharsOfSha256AndNullCountsAsEmpty() throws Exception {
        byte[] sha = MessageDigest.getInstance("SHA-256").digest("héllo".getBytes(StandardCharsets.UTF_8));
        assertEquals(HexFormat.of().formatHex(sha).substring(0, 16), CsrfTokenCodec.userAgentHash("héllo"));
        assertEquals(CsrfTokenCodec.userAgentHash(""), CsrfTokenCodec.userAgentHash(null));
        assertEquals("e3b0c44298fc1c14", CsrfTokenCodec.userAgentHash(""));
    }

    @Test
    void keysMustBe256BitAes() {
        assertThrows(IllegalArgumentException.class, () -> codec(new SecretKeySpec(new byte[16], "AES")));
        assertThrows(IllegalArgumentException.class, () -> new CsrfTokenCodec(List.of(), clock, TestKeys.RANDOM));
    }

    /** What an external minter with a bug would produce: any bytes, encrypted correctly. */
    static String encryptRaw(SecretKey key, String plaintext) throws Exception {
        byte[] iv = new byte[12];
        TestKeys.RANDOM.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
        byte[] ct = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[12 + ct.length];
        System.arraycopy(iv, 0, out, 0, 12);
        System.arraycopy(ct, 0, out, 12, ct.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }
}
