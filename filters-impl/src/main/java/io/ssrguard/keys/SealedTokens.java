package io.ssrguard.keys;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKey;

/**
 * The text form of every token the pack seals for itself (CSRF and SSR bypass tokens, the
 * OpenID Connect flow cookie, the passkey challenge cookie): base64url without padding of {@link AesGcmSealer}'s
 * {@code IV || ciphertext || tag}. Opening is one rule for all of them, cheapest check
 * first: present, not longer than the codec's bound, unpadded base64url, long enough to hold
 * IV, tag and a payload, and authentic under one of the keys. What the plaintext means is the
 * codec's business; this class only moves bytes.
 *
 * <p>Thread-safe (see {@link AesGcmSealer}).
 */
public final class SealedTokens {

    /** Why a presented value did not open; {@link UnreadableTokenException#getMessage()} says it for the log. */
    public enum Unreadable {
        /** Nothing was presented. */
        MISSING,
        /** Too long, padded, not base64url or too short: not something the pack sealed. */
        MALFORMED,
        /** Well-formed, but tampered with or sealed under none of the keys (or for another purpose). */
        NOT_AUTHENTIC
    }

    /** A presented value that does not open; the message never holds the value. */
    public static final class UnreadableTokenException extends Exception {

        private final Unreadable reason;

        UnreadableTokenException(Unreadable reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }

        public Unreadable reason() {
            return reason;
        }
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final AesGcmSealer sealer;
    private final String noun;
    private final int maxLength;
    private final int minPlainBytes;

    /**
     * @param keys           AES-256 keys, active first
     * @param associatedData bound into every tag, separating this use of the keys from the others;
     *                       {@code null} for none (the CSRF tokens' documented format)
     * @param random         source of IVs
     * @param noun           what the value is called in log messages ("token", "flow-state cookie")
     * @param maxLength      longest text worth decoding
     * @param minPlainBytes  shortest payload worth decrypting
     */
    public SealedTokens(List<SecretKey> keys, byte[] associatedData, SecureRandom random, String noun,
                        int maxLength, int minPlainBytes) {
        this.sealer = new AesGcmSealer(keys, associatedData, random);
        this.noun = noun;
        this.maxLength = maxLength;
        this.minPlainBytes = minPlainBytes;
    }

    /** Seals under the active key with a fresh random IV. */
    public String seal(byte[] plain) {
        return ENCODER.encodeToString(sealer.seal(plain));
    }

    /**
     * Opens a presented value.
     *
     * @throws UnreadableTokenException when it is missing, malformed or not authentic
     */
    public byte[] open(String text) throws UnreadableTokenException {
        if (text == null || text.isEmpty()) {
            throw new UnreadableTokenException(Unreadable.MISSING, "no " + noun);
        }
        if (text.length() > maxLength) {
            throw malformed(noun + " of " + text.length() + " characters, over " + maxLength);
        }
        if (text.indexOf('=') >= 0) {
            // Never produced here; the decoder would accept it, so refuse it outright.
            throw malformed(noun + " is padded base64");
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw malformed(noun + " is not base64url");
        }
        if (raw.length < AesGcmSealer.IV_BYTES + AesGcmSealer.TAG_BYTES + minPlainBytes) {
            throw malformed(noun + " of " + raw.length + " bytes is too short");
        }
        return sealer.open(raw).orElseThrow(() -> new UnreadableTokenException(Unreadable.NOT_AUTHENTIC,
                noun + " does not decrypt under any of the " + sealer.keyCount() + " key(s)"));
    }

    private static UnreadableTokenException malformed(String message) {
        return new UnreadableTokenException(Unreadable.MALFORMED, message);
    }
}
