package io.ssrguard.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.impl.BaseJWSProvider;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.util.Set;

/**
 * Verifies {@code EdDSA} (Ed25519) JWS signatures with the JDK's own
 * implementation (nimbus' Ed25519 verifier needs Google Tink). Tokens come from
 * anyone, so a malformed signature is a {@code false}, never an exception.
 * Thread-safe: a new {@link Signature} per call.
 */
public final class Ed25519JdkVerifier extends BaseJWSProvider implements JWSVerifier {

    /** An Ed25519 signature is R and S, 32 bytes each (RFC 8032). */
    private static final int SIGNATURE_BYTES = 2 * Ed25519Keys.KEY_BYTES;

    private final EdECPublicKey key;

    /**
     * @param key an Ed25519 public key
     * @throws JOSEException if the key is on another curve (Ed448)
     */
    public Ed25519JdkVerifier(EdECPublicKey key) throws JOSEException {
        super(Set.of(JWSAlgorithm.EdDSA));
        if (!Ed25519Keys.isEd25519(key)) {
            throw new JOSEException("EdDSA tokens are verified with Ed25519 keys, this one is " + key.getParams().getName());
        }
        this.key = key;
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
        // The algorithm was already checked against the allow-list; this guards against use with any other header.
        if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
            return false;
        }
        // No critical header parameter is understood here, so any "crit" makes the token invalid (RFC 7515, 4.1.11).
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            return false;
        }
        byte[] bytes = signature == null ? null : signature.decode();
        if (bytes == null || bytes.length != SIGNATURE_BYTES) {
            return false;
        }
        try {
            Signature jdk = Signature.getInstance("Ed25519");
            jdk.initVerify(key);
            jdk.update(signingInput);
            return jdk.verify(bytes);
        } catch (GeneralSecurityException | RuntimeException e) {
            // A signature the JDK cannot even parse is simply not a valid signature.
            return false;
        }
    }
}
