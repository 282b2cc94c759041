package io.ssrguard.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

/** Keys made fresh for each test run; the deployed WAR gets the public and private JWK as config. */
public final class TestKeys {

    /** The key the deployment signs with; tests use its private part to forge tokens with bad claims. */
    public static final ECKey SIGNING = generate("it-signing");
    /** A key the deployment does not know. */
    static final ECKey STRANGER = generate("it-stranger");

    /** The deployment's AES-256 key for CSRF and SSR tokens, base64. */
    public static final String CSRF_KEY = randomKey();

    private TestKeys() {
    }

    /** The JWK set given to the deployment as {@code ssrguard.keys.jwks}. */
    public static String deploymentJwks() {
        return "{\"keys\":[" + SIGNING.toJSONString() + "]}";
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    private static ECKey generate(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).algorithm(JWSAlgorithm.ES256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
