package io.ssrguard.keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.EdECKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;

/**
 * Converts Ed25519 keys between the raw encodings of RFC 8037 {@code OKP} JWKs
 * ({@code x}, {@code d}) and the JDK's own {@code EdEC} keys. Nimbus can parse
 * OKP JWKs but cannot turn them into JDK keys without Google Tink, which the pack
 * does not ship; the JDK (15+) has Ed25519 built in, so the conversion is done here.
 */
final class Ed25519Keys {

    /** Length of an encoded Ed25519 public key, private key and half a signature (RFC 8032). */
    static final int KEY_BYTES = 32;

    private Ed25519Keys() {
    }

    /**
     * The JDK public key for an OKP {@code x}: y in little-endian with the top bit
     * of the last byte telling whether x is odd (RFC 8032, 5.1.2).
     */
    static EdECPublicKey publicKey(byte[] x) throws GeneralSecurityException {
        if (x == null || x.length != KEY_BYTES) {
            throw new GeneralSecurityException("an Ed25519 public key has " + KEY_BYTES + " bytes");
        }
        byte[] bigEndian = new byte[KEY_BYTES];
        for (int i = 0; i < KEY_BYTES; i++) {
            bigEndian[i] = x[KEY_BYTES - 1 - i];
        }
        boolean xOdd = (bigEndian[0] & 0x80) != 0;
        bigEndian[0] &= 0x7f;
        EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, bigEndian));
        return (EdECPublicKey) KeyFactory.getInstance("Ed25519")
                .generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
    }

    /** The OKP {@code x} of a JDK Ed25519 public key; the inverse of {@link #publicKey(byte[])}. */
    static byte[] encode(EdECPublicKey key) {
        requireEd25519(key);
        EdECPoint point = key.getPoint();
        byte[] y = point.getY().toByteArray();
        // BigInteger is big-endian and may carry a leading sign byte; copy the low 32 bytes reversed.
        byte[] x = new byte[KEY_BYTES];
        for (int i = 0; i < KEY_BYTES && i < y.length; i++) {
            x[i] = y[y.length - 1 - i];
        }
        if (point.isXOdd()) {
            x[KEY_BYTES - 1] |= (byte) 0x80;
        }
        return x;
    }

    /** The JDK private key for an OKP {@code d} (the 32-byte seed of RFC 8032). */
    static EdECPrivateKey privateKey(byte[] d) throws GeneralSecurityException {
        if (d == null || d.length != KEY_BYTES) {
            throw new GeneralSecurityException("an Ed25519 private key has " + KEY_BYTES + " bytes");
        }
        return (EdECPrivateKey) KeyFactory.getInstance("Ed25519")
                .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, d));
    }

    /** The OKP {@code d} of a JDK Ed25519 private key; the inverse of {@link #privateKey(byte[])}. */
    static byte[] encode(EdECPrivateKey key) {
        requireEd25519(key);
        return key.getBytes().orElseThrow(() -> new IllegalArgumentException(
                "the Ed25519 private key does not reveal its bytes (held by a hardware or vault provider?)"));
    }

    /** Whether a JDK EdEC key is on Ed25519 (and not Ed448). */
    static boolean isEd25519(EdECKey key) {
        return NamedParameterSpec.ED25519.getName().equalsIgnoreCase(key.getParams().getName());
    }

    private static void requireEd25519(EdECKey key) {
        if (!isEd25519(key)) {
            throw new IllegalArgumentException("not an Ed25519 key: " + key.getParams().getName());
        }
    }
}
