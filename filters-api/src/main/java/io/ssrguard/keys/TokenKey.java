package io.ssrguard.keys;

import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * One key for signing or verifying access tokens.
 *
 * @param keyId           the JWS {@code kid}; tokens name the key that signed them
 * @param algorithm       the JWA algorithm name this key is for, for example {@code ES256}
 * @param verificationKey the public key (asymmetric algorithms) or the shared secret (HMAC)
 * @param signingKey      the private key or shared secret, or {@code null} for a key that
 *                        only verifies (a retired key kept so that its tokens stay valid)
 */
public record TokenKey(String keyId, String algorithm, Key verificationKey, Key signingKey) {

    public TokenKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(verificationKey, "verificationKey");
        if (!(verificationKey instanceof PublicKey || verificationKey instanceof SecretKey)) {
            throw new IllegalArgumentException("verificationKey must be a public key or a secret key");
        }
        if (signingKey != null && !(signingKey instanceof PrivateKey || signingKey instanceof SecretKey)) {
            throw new IllegalArgumentException("signingKey must be a private key or a secret key");
        }
    }

    /** The key to sign with, if this key may sign. */
    public Optional<Key> signing() {
        return Optional.ofNullable(signingKey);
    }

    @Override
    public String toString() {
        // Never print key material.
        return "TokenKey[keyId=" + keyId + ", algorithm=" + algorithm + ", canSign=" + (signingKey != null) + "]";
    }
}
