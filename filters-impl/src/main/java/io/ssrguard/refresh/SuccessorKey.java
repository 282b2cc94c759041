package io.ssrguard.refresh;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * Derives a token's successor as base64url(HMAC-SHA256(key, token)). Because the
 * successor follows from the token, every presentation of the same token, on any
 * node holding the same key, arrives at the same successor, and no plaintext
 * token needs to be stored for the grace window to hand it out again. Without
 * the key, a token reveals nothing about its successor.
 */
public final class SuccessorKey {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKey key;

    public SuccessorKey(SecretKey key) {
        this.key = key;
        // Fail at start, not on the first refresh, if the platform refuses the key.
        mac();
    }

    /** The successor of {@code token}: a token of the same format. */
    public String successorOf(String token) {
        byte[] digest = mac().doFinal(token.getBytes(StandardCharsets.US_ASCII));
        // HMAC-SHA256 yields exactly RefreshTokenFormat.TOKEN_BYTES bytes.
        return RefreshTokenFormat.encode(Arrays.copyOf(digest, RefreshTokenFormat.TOKEN_BYTES));
    }

    private Mac mac() {
        try {
            // Mac instances are not thread-safe; a fresh one costs microseconds.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot initialise " + ALGORITHM + " with the refresh successor key", e);
        }
    }

    @Override
    public String toString() {
        return "SuccessorKey[(hidden)]";
    }
}
