package io.ssrguard.csrf;

import io.ssrguard.keys.AesGcmSealer;
import io.ssrguard.keys.EncryptionKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKey;

/**
 * Encrypts and decrypts CSRF and SSR bypass tokens in the documented format:
 * base64url without padding of {@code IV (12 random bytes) || AES-256-GCM
 * ciphertext || tag (16 bytes)}, no associated data, over the UTF-8 JSON
 * payload {@code {"d","p","s","ua","sid"}}.
 *
 * <p>New tokens are encrypted with the active key; presented tokens are tried
 * against the active key, then previous ones, so a key rotation needs no key id
 * in the token. Time checks and binding checks belong to {@link CsrfVerifier};
 * this class only turns bytes into a payload and back.
 *
 * <p>Thread-safe. Each thread reuses one {@link Cipher} and one
 * {@link MessageDigest}: both are costly to create and this runs on every
 * unsafe request.
 */
public final class CsrfTokenCodec {

    /** Tokens longer than this are refused before decoding; a real one is well under 300 characters. */
    public static final int MAX_TOKEN_LENGTH = 1024;

    static final int IV_BYTES = AesGcmSealer.IV_BYTES;
    static final int TAG_BYTES = AesGcmSealer.TAG_BYTES;
    /** Shortest token worth decrypting: IV, tag and the two braces of an (invalid) empty payload. */
    private static final int MIN_DECODED_BYTES = IV_BYTES + TAG_BYTES + 2;
    private static final int SALT_BYTES = 12;
    private static final int UA_HASH_HEX = 16;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(CsrfTokenCodec::newDigest);

    private final AesGcmSealer sealer;
    private final Clock clock;
    private final SecureRandom random;

    /**
     * @param keys   32-byte AES keys, the active one first
     * @param clock  the time written into {@code d}
     * @param random source of IVs and salts
     */
    public CsrfTokenCodec(List<SecretKey> keys, Clock clock, SecureRandom random) {
        this.sealer = new AesGcmSealer(new EncryptionKeys(keys).keys(), null, random);
        this.clock = clock;
        this.random = random;
    }

    /**
     * Mints a token issued now.
     *
     * @param userAgent the User-Agent the token is bound to ({@code null} counts as empty)
     * @param sessionId the login session it is bound to, or {@code null} for an anonymous visitor
     */
    public String mint(CsrfPurpose purpose, String userAgent, String sessionId) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return encode(new CsrfToken(clock.instant(), purpose,
                Base64.getUrlEncoder().withoutPadding().encodeToString(salt), userAgentHash(userAgent), sessionId));
    }

    /** Encrypts a payload under the active key with a fresh random IV. */
    public String encode(CsrfToken token) {
        byte[] plain = CsrfTokenJson.write(token).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sealer.seal(plain));
    }

    /**
     * Decrypts a presented token. Nothing but its integrity is checked here.
     *
     * @throws CsrfRejectedException {@link CsrfRejection#UNDECRYPTABLE} for anything that is not a
     *                               well-formed token under one of the keys; the detail never holds the token
     */
    public CsrfToken decode(String token) throws CsrfRejectedException {
        if (token == null || token.isEmpty()) {
            throw new CsrfRejectedException(CsrfRejection.MISSING, "no token");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new CsrfRejectedException(CsrfRejection.UNDECRYPTABLE, "token of " + token.length()
                    + " characters, over " + MAX_TOKEN_LENGTH);
        }
        if (token.indexOf('=') >= 0) {
            throw new CsrfRejectedException(CsrfRejection.UNDECRYPTABLE, "token is padded base64");
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw new CsrfRejectedException(CsrfRejection.UNDECRYPTABLE, "token is not base64url");
        }
        if (raw.length < MIN_DECODED_BYTES) {
            throw new CsrfRejectedException(CsrfRejection.UNDECRYPTABLE, "token of " + raw.length + " bytes is too short");
        }
        byte[] plain = sealer.open(raw).orElseThrow(() -> new CsrfRejectedException(CsrfRejection.UNDECRYPTABLE,
                "token does not decrypt under any of the " + sealer.keyCount() + " key(s)"));
        try {
            return CsrfTokenJson.read(new String(plain, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            // Authentic but malformed: minted by a broken external SSR server, most likely.
            throw new CsrfRejectedException(CsrfRejection.UNDECRYPTABLE, e.getMessage());
        }
    }

    /**
     * The {@code ua} field for a User-Agent: the first 16 lower-case hex
     * characters of SHA-256 over its UTF-8 bytes; {@code null} hashes as empty.
     */
    public static String userAgentHash(String userAgent) {
        byte[] digest = SHA256.get().digest((userAgent == null ? "" : userAgent).getBytes(StandardCharsets.UTF_8));
        char[] hex = new char[UA_HASH_HEX];
        for (int i = 0; i < UA_HASH_HEX / 2; i++) {
            hex[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            hex[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(hex);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
