package io.ssrguard.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.util.UUID;

/**
 * Command line: prints a new JWK set with one signing key, ready for
 * {@code ssrguard.keys.jwks}. Usage: {@code JwksGenerator [ES256|ES384|ES512|RS256|HS256|EdDSA] [kid]}.
 * Its output is a secret: store it where the deployment's secrets live.
 */
public final class JwksGenerator {

    private JwksGenerator() {
    }

    public static void main(String[] args) throws JOSEException {
        JWSAlgorithm alg = JWSAlgorithm.parse(args.length > 0 ? args[0] : "ES256");
        String kid = args.length > 1 ? args[1] : "ssrguard-" + UUID.randomUUID().toString().substring(0, 8);
        JWK key = generate(alg, kid);
        // Validate exactly as a deployment would, so a generated key can never be refused later.
        JwkKeys.toTokenKey(key, "generated key");
        System.out.println("{\"keys\":[" + key.toJSONString() + "]}");
    }

    /**
     * A new private JWK for the algorithm, as the command line prints it; also
     * used by the benchmarks, which need an EdDSA key nimbus cannot generate without Tink.
     */
    public static JWK generate(JWSAlgorithm alg, String kid) throws JOSEException {
        if (JWSAlgorithm.Family.EC.contains(alg)) {
            Curve curve = alg.equals(JWSAlgorithm.ES256) ? Curve.P_256 : alg.equals(JWSAlgorithm.ES384) ? Curve.P_384 : Curve.P_521;
            return new ECKeyGenerator(curve).keyID(kid).algorithm(alg).generate();
        }
        if (JWSAlgorithm.Family.RSA.contains(alg)) {
            return new RSAKeyGenerator(3072).keyID(kid).algorithm(alg).generate();
        }
        if (JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
            return new OctetSequenceKeyGenerator(JwkKeys.hmacBits(alg)).keyID(kid).algorithm(alg).generate();
        }
        if (JWSAlgorithm.EdDSA.equals(alg)) {
            return ed25519(kid);
        }
        throw new IllegalArgumentException("unsupported algorithm " + alg + "; use one of " + JwkKeys.names(JwkKeys.SUPPORTED));
    }

    /** An Ed25519 OKP key from the JDK's generator (nimbus' OctetKeyPairGenerator would need Google Tink). */
    private static JWK ed25519(String kid) throws JOSEException {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(Ed25519Keys.encode((EdECPublicKey) pair.getPublic())))
                    .d(Base64URL.encode(Ed25519Keys.encode((EdECPrivateKey) pair.getPrivate())))
                    .keyID(kid).algorithm(JWSAlgorithm.EdDSA).build();
        } catch (GeneralSecurityException e) {
            throw new JOSEException("the JDK cannot generate an Ed25519 key: " + e.getMessage(), e);
        }
    }
}
