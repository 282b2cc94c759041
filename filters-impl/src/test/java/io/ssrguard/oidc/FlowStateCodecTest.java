package io.ssrguard.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.csrf.CsrfPurpose;
import io.ssrguard.csrf.CsrfTokenCodec;
import io.ssrguard.keys.EncryptionKeys;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class FlowStateCodecTest {

    static final Duration TTL = Duration.ofMinutes(5);
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    static SecretKey key(int seed) {
        byte[] b = new byte[32];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (seed * 31 + i * 7);
        }
        return new SecretKeySpec(b, "AES");
    }

    static FlowStateCodec codec(Instant now, SecretKey... keys) {
        return new FlowStateCodec(new EncryptionKeys(List.of(keys)), TTL, Clock.fixed(now, ZoneOffset.UTC),
                new SecureRandom());
    }

    static FlowState flow(Instant issued) {
        return new FlowState("state-1234567890", "nonce-abc", "verifier-" + "x".repeat(40), "/orders/42?x=1",
                "https://shop.example/auth/oidc/callback", true, issued);
    }

    static OidcRefusal refused(FlowStateCodec codec, String value) {
        OidcRefusal e = assertThrows(OidcRefusal.class, () -> codec.open(value));
        assertEquals(400, e.status());
        assertEquals("invalid_flow", e.code());
        return e;
    }

    @Test
    void sealedFlowOpensUnchangedWithinItsLifetime() throws Exception {
        String sealed = codec(T0, key(1)).seal(flow(T0));
        FlowState opened = codec(T0.plus(TTL).minusSeconds(1), key(1)).open(sealed);
        assertEquals(flow(T0), opened);
        assertTrue(sealed.matches("[A-Za-z0-9_-]+"), "a cookie-safe value");
        assertTrue(sealed.length() < 1024, "well under the cookie size limit: " + sealed.length());
    }

    @Test
    void twoSealsOfTheSameFlowDiffer() {
        FlowStateCodec codec = codec(T0, key(1));
        assertNotEquals(codec.seal(flow(T0)), codec.seal(flow(T0)), "fresh IV per seal");
    }

    @Test
    void expiredFlowIsRefused() {
        String sealed = codec(T0, key(1)).seal(flow(T0));
        OidcRefusal e = refused(codec(T0.plus(TTL), key(1)), sealed);
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
    }

    @Test
    void flowIssuedInTheFutureIsRefused() {
        String sealed = codec(T0.plus(Duration.ofMinutes(10)), key(1)).seal(flow(T0.plus(Duration.ofMinutes(10))));
        refused(codec(T0, key(1)), sealed);
    }

    @Test
    void everyTamperedByteIsRefused() {
        String sealed = codec(T0, key(1)).seal(flow(T0));
        byte[] raw = Base64.getUrlDecoder().decode(sealed);
        FlowStateCodec codec = codec(T0, key(1));
        for (int i = 0; i < raw.length; i++) {
            byte[] tampered = raw.clone();
            tampered[i] ^= 0x01;
            refused(codec, Base64.getUrlEncoder().withoutPadding().encodeToString(tampered));
        }
    }

    @Test
    void truncatedForeignAndGarbageValuesAreRefused() {
        String sealed = codec(T0, key(1)).seal(flow(T0));
        FlowStateCodec codec = codec(T0, key(1));
        refused(codec, null);
        refused(codec, "");
        refused(codec, sealed.substring(0, sealed.length() - 4));
        refused(codec, "not base64!");
        refused(codec, "AAAA");
        refused(codec, "A".repeat(FlowStateCodec.MAX_LENGTH + 1));
        refused(codec(T0, key(2)), sealed);
    }

    @Test
    void previousKeysStillOpenDuringARotation() throws Exception {
        String sealedWithOld = codec(T0, key(1)).seal(flow(T0));
        assertEquals(flow(T0), codec(T0, key(2), key(1)).open(sealedWithOld));
    }

    @Test
    void aCsrfTokenUnderTheSameKeyNeverOpensAsFlowState() {
        // Same AES key, different associated data: the two token kinds cannot be swapped.
        String csrf = new CsrfTokenCodec(List.of(key(1)), Clock.fixed(T0, ZoneOffset.UTC), new SecureRandom())
                .mint(CsrfPurpose.CLIENT, "UA", null);
        refused(codec(T0, key(1)), csrf);
    }
}
