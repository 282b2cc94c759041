package io.ssrguard.keys;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM sealing in the layout every encrypted value of the pack uses:
 * {@code IV (12 random bytes) || ciphertext || tag (16 bytes)}. Seals under the
 * first key and opens with each key in turn, so keys rotate without breaking
 * values sealed under the previous one. Optional associated data separates
 * purposes: a value sealed for one purpose never opens for another. One
 * {@link Cipher} per thread, since values are opened on the request path.
 */
public final class AesGcmSealer {

    public static final int IV_BYTES = 12;
    public static final int TAG_BYTES = 16;

    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(AesGcmSealer::newCipher);

    private final List<SecretKey> keys;
    private final byte[] associatedData;
    private final SecureRandom random;

    /**
     * @param keys           AES-256 keys, active first
     * @param associatedData bound into every tag, or {@code null} for none
     * @param random         source of IVs
     */
    public AesGcmSealer(List<SecretKey> keys, byte[] associatedData, SecureRandom random) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one key is needed");
        }
        this.keys = List.copyOf(keys);
        this.associatedData = associatedData == null ? null : associatedData.clone();
        this.random = random;
    }

    /** Seals under the active key with a fresh random IV. */
    public byte[] seal(byte[] plain) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] out = new byte[IV_BYTES + plain.length + TAG_BYTES];
        System.arraycopy(iv, 0, out, 0, IV_BYTES);
        Cipher cipher = CIPHER.get();
        try {
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(0), new GCMParameterSpec(TAG_BYTES * 8, iv));
            if (associatedData != null) {
                cipher.updateAAD(associatedData);
            }
            cipher.doFinal(plain, 0, plain.length, out, IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
        return out;
    }

    /**
     * Opens a sealed value.
     *
     * @return the plaintext, or empty when the value is too short, tampered with,
     *         or sealed under none of the keys (or for another purpose)
     */
    public Optional<byte[]> open(byte[] sealed) {
        if (sealed.length < IV_BYTES + TAG_BYTES) {
            return Optional.empty();
        }
        Cipher cipher = CIPHER.get();
        GCMParameterSpec iv = new GCMParameterSpec(TAG_BYTES * 8, sealed, 0, IV_BYTES);
        for (SecretKey key : keys) {
            try {
                cipher.init(Cipher.DECRYPT_MODE, key, iv);
                if (associatedData != null) {
                    cipher.updateAAD(associatedData);
                }
                return Optional.of(cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES));
            } catch (AEADBadTagException e) {
                // Not this key (or tampered with): try the next one.
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM decryption failed", e);
            }
        }
        return Optional.empty();
    }

    /** How many keys open values, for log lines. */
    public int keyCount() {
        return keys.size();
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no AES/GCM/NoPadding", e);
        }
    }
}
