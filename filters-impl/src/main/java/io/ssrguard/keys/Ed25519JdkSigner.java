package io.ssrguard.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.impl.BaseJWSProvider;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.util.Set;

/**
 * Signs JWS with {@code EdDSA} (Ed25519) using the JDK's own implementation, so
 * that the pack needs no extra library (nimbus' own Ed25519 signer needs Google Tink).
 * Thread-safe: a new {@link Signature} per call, as JDK signatures are not.
 */
public final class Ed25519JdkSigner extends BaseJWSProvider implements JWSSigner {

    private final EdECPrivateKey key;

    /**
     * @param key an Ed25519 private key
     * @throws JOSEException if the key is on another curve (Ed448)
     */
    public Ed25519JdkSigner(EdECPrivateKey key) throws JOSEException {
        super(Set.of(JWSAlgorithm.EdDSA));
        if (!Ed25519Keys.isEd25519(key)) {
            throw new JOSEException("EdDSA tokens are signed with Ed25519 keys, this one is " + key.getParams().getName());
        }
        this.key = key;
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
            throw new JOSEException("this signer signs EdDSA only, not " + header.getAlgorithm());
        }
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update(signingInput);
            return Base64URL.encode(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new JOSEException("Ed25519 signing failed: " + e.getMessage(), e);
        }
    }
}
