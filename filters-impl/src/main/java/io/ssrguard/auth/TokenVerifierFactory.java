package io.ssrguard.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import io.ssrguard.keys.Ed25519JdkVerifier;
import java.security.Key;
import java.security.interfaces.EdECPublicKey;
import java.util.HashSet;
import java.util.Set;

/**
 * Nimbus' verifier factory plus {@code EdDSA} through the JDK's Ed25519
 * ({@link Ed25519JdkVerifier}); nimbus' own Ed25519 verifier would need Google Tink.
 * Every other algorithm is left to nimbus unchanged.
 */
final class TokenVerifierFactory implements JWSVerifierFactory {

    private final DefaultJWSVerifierFactory nimbus = new DefaultJWSVerifierFactory();

    @Override
    public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
        if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
            return nimbus.createJWSVerifier(header, key);
        }
        if (key instanceof EdECPublicKey ed) {
            return new Ed25519JdkVerifier(ed);
        }
        throw new JOSEException("an EdDSA token needs an Ed25519 public key");
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        Set<JWSAlgorithm> all = new HashSet<>(nimbus.supportedJWSAlgorithms());
        all.add(JWSAlgorithm.EdDSA);
        return all;
    }

    @Override
    public JCAContext getJCAContext() {
        return nimbus.getJCAContext();
    }
}
