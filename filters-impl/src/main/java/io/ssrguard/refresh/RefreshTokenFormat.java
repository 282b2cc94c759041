package io.ssrguard.refresh;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The wire format of refresh tokens and how they are hashed for storage: 32
 * random bytes (256 bits) as unpadded base64url, stored as the lower-case hex
 * SHA-256 of that text. A plain hash suffices (no salt, no slow KDF) because the
 * input is a full-entropy random value, not a password.
 */
public final class RefreshTokenFormat {

    /** Random bytes in a token. */
    public static final int TOKEN_BYTES = 32;
    /** Characters of a token: 32 bytes as unpadded base64url. */
    public static final int TOKEN_LENGTH = 43;
    /** Characters of a hash prefix in log lines and events: enough to correlate, useless to an attacker. */
    public static final int HASH_PREFIX_LENGTH = 12;

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{" + TOKEN_LENGTH + "}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private RefreshTokenFormat() {
    }

    /** A new random token. */
    public static String generate(SecureRandom random) {
        return encode(randomBytes(random, TOKEN_BYTES));
    }

    /** A new random family id (128 bits, base64url). */
    public static String familyId(SecureRandom random) {
        return encode(randomBytes(random, 16));
    }

    /** Whether a presented value can be a token at all; checked before any store is asked. */
    public static boolean wellFormed(String presented) {
        return presented != null && presented.length() == TOKEN_LENGTH && WELL_FORMED.matcher(presented).matches();
    }

    /** What a store keeps of a token. */
    public static String hash(String token) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The start of a hash, for log lines and events. */
    public static String prefix(String hash) {
        return hash.substring(0, Math.min(HASH_PREFIX_LENGTH, hash.length()));
    }

    static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    private static byte[] randomBytes(SecureRandom random, int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }
}
