package io.ssrguard.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ssrguard.keys.EncryptionKeys;
import io.ssrguard.testing.FuzzBudget;
import io.ssrguard.testing.FuzzInput;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fuzzes the OpenID Connect flow-state cookie as the callback reads it, under a fixed test key and
 * clock so that the committed seeds (sealed with that key) open and the fuzzer reaches the JSON.
 *
 * <p>Invariant: a {@link FlowState} or {@link OidcRefusal} 400 {@code invalid_flow}, nothing else,
 * each call under {@link FuzzInput#BOUND}.
 */
class FlowStateFuzzTest {

    /** A test-only AES-256 key (bytes 0..31). */
    static final SecretKeySpec KEY = new SecretKeySpec(sequence(32), "AES");
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final FlowStateCodec codec = new FlowStateCodec(new EncryptionKeys(List.of(KEY)), Duration.ofMinutes(10),
            Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());

    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void flowStateCookie(byte[] data) throws Exception {
        String value = FuzzInput.latin1(data);
        FuzzInput.bounded("flow-state cookie opening", () -> {
            try {
                FlowState flow = codec.open(value);
                assertNotNull(flow.state(), "an opened flow has its state");
            } catch (OidcRefusal refused) {
                assertEquals(400, refused.status(), refused.getMessage());
                assertEquals("invalid_flow", refused.code(), refused.getMessage());
            }
        });
    }

    private static byte[] sequence(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }
}
