package io.ssrguard.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ssrguard.testing.FuzzBudget;
import io.ssrguard.testing.FuzzInput;

/**
 * Fuzzes the refresh cookie's format check, the only thing that reads a presented refresh token
 * before a store is asked. Invariant: never throws; whatever it accepts is exactly 43 base64url
 * characters (so it decodes to 32 bytes) and hashes to 64 hex characters; each call under
 * {@link FuzzInput#BOUND}.
 */
class RefreshTokenFormatFuzzTest {

    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void refreshCookie(byte[] data) throws Exception {
        String presented = FuzzInput.latin1(data);
        FuzzInput.bounded("refresh token format check", () -> {
            if (RefreshTokenFormat.wellFormed(presented)) {
                assertEquals(RefreshTokenFormat.TOKEN_LENGTH, presented.length());
                assertEquals(RefreshTokenFormat.TOKEN_BYTES, java.util.Base64.getUrlDecoder().decode(presented).length);
                assertTrue(RefreshTokenFormat.hash(presented).matches("[0-9a-f]{64}"), "hash of an accepted token");
            }
        });
    }
}
