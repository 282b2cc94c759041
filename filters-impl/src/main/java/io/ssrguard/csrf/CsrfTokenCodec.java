package io.ssrguard.csrf;

import io.ssrguard.keys.AesGcmSealer;
import io.ssrguard.keys.EncryptionKeys;
import io.ssrguard.keys.SealedTokens;
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
 * this class only turns bytes into a payload and back, the bytes through
 * {@link SealedTokens} like every token the pack seals for itself.
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
    /** Shortest payload worth decrypting: the two braces of an (invalid) empty one. */
    private static final int MIN_PAYLOAD_BYTES = 2;
    private static final int SALT_BYTES = 12;
    private static final int UA_HASH_HEX = 16;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(CsrfTokenCodec::newDigest);

    private final SealedTokens sealed;
    private final Clock clock;
    private final SecureRandom random;

    /**
     * @param keys   32-byte AES keys, the active one first
     * @param clock  the time written into {@code d}
     * @param random source of IVs and salts
     */
    public CsrfTokenCodec(List<SecretKey> keys, Clock clock, SecureRandom random) {
        this.sealed = new SealedTokens(new EncryptionKeys(keys).keys(), null, random, "token", MAX_TOKEN_LENGTH,
                MIN_PAYLOAD_BYTES);
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
        return sealed.seal(plain);
    }

    /**
     * Decrypts a presented token. Nothing but its integrity is checked here.
     *
     * @throws CsrfRejectedException {@link CsrfRejection#UNDECRYPTABLE} for anything that is not a
     *                               well-formed token under one of the keys; the detail never holds the token
     */
    public CsrfToken decode(String token) throws CsrfRejectedException {
        byte[] plain;
        try {
            plain = sealed.open(token);
        } catch (SealedTokens.UnreadableTokenException e) {
            throw new CsrfRejectedException(e.reason() == SealedTokens.Unreadable.MISSING
                    ? CsrfRejection.MISSING : CsrfRejection.UNDECRYPTABLE, e.getMessage());
        }
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
