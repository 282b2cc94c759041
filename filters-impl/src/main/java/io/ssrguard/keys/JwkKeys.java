package io.ssrguard.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import io.ssrguard.config.SettingsException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Converts between JWKs and {@link TokenKey}s, and enforces the minimum strength
 * each algorithm needs. The one place that knows which key type fits which
 * algorithm.
 */
public final class JwkKeys {

    /** The algorithms the pack can sign and verify with. */
    public static final Set<JWSAlgorithm> SUPPORTED = Set.of(
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512,
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512,
            JWSAlgorithm.EdDSA);

    private static final Map<JWSAlgorithm, Curve> CURVES = Map.of(
            JWSAlgorithm.ES256, Curve.P_256, JWSAlgorithm.ES384, Curve.P_384, JWSAlgorithm.ES512, Curve.P_521);

    private static final int MIN_RSA_BITS = 2048;

    private JwkKeys() {
    }

    /**
     * Turns a configured JWK into a {@link TokenKey}, checking that it is strong
     * enough for its algorithm.
     *
     * @param source the property the key came from, for error messages
     */
    public static TokenKey toTokenKey(JWK jwk, String source) {
        JWSAlgorithm alg = algorithmOf(jwk, source);
        String kid = jwk.getKeyID() != null ? jwk.getKeyID() : thumbprint(jwk, source);
        String where = source + " (key '" + kid + "')";
        try {
            if (jwk instanceof ECKey ec) {
                requireFamily(alg, JWSAlgorithm.Family.EC, where);
                if (!ec.getCurve().equals(CURVES.get(alg))) {
                    throw new SettingsException(where + ": algorithm " + alg + " needs curve " + CURVES.get(alg)
                            + ", the key is on " + ec.getCurve());
                }
                return new TokenKey(kid, alg.getName(), ec.toECPublicKey(), ec.isPrivate() ? ec.toECPrivateKey() : null);
            }
            if (jwk instanceof RSAKey rsa) {
                requireFamily(alg, JWSAlgorithm.Family.RSA, where);
                if (rsa.size() < MIN_RSA_BITS) {
                    throw new SettingsException(where + ": RSA keys need at least " + MIN_RSA_BITS
                            + " bits, this one has " + rsa.size());
                }
                return new TokenKey(kid, alg.getName(), rsa.toRSAPublicKey(), rsa.isPrivate() ? rsa.toRSAPrivateKey() : null);
            }
            if (jwk instanceof OctetSequenceKey oct) {
                requireFamily(alg, JWSAlgorithm.Family.HMAC_SHA, where);
                int needed = hmacBits(alg);
                if (oct.size() < needed) {
                    throw new SettingsException(where + ": " + alg + " needs a secret of at least " + needed
                            + " bits, this one has " + oct.size() + "; generate a longer random secret");
                }
                SecretKey secret = new SecretKeySpec(oct.toByteArray(), "Hmac" + alg.getName().replace("HS", "SHA"));
                return new TokenKey(kid, alg.getName(), secret, secret);
            }
            if (jwk instanceof OctetKeyPair okp) {
                // algorithmOf has already refused curves other than Ed25519.
                requireFamily(alg, Set.of(JWSAlgorithm.EdDSA), where);
                return ed25519(okp, kid, where);
            }
        } catch (JOSEException e) {
            throw new SettingsException(where + ": the key cannot be read: " + e.getMessage(), e);
        }
        throw new SettingsException(where + ": key type " + jwk.getKeyType() + " is not supported; use EC, RSA, oct or OKP");
    }

    /** Turns a {@link TokenKey} (possibly from a custom {@link KeyProvider}) into a public JWK for verification. */
    public static JWK toVerificationJwk(TokenKey key) {
        JWSAlgorithm alg = JWSAlgorithm.parse(key.algorithm());
        if (key.verificationKey() instanceof ECPublicKey ec) {
            return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).keyID(key.keyId()).algorithm(alg).build();
        }
        if (key.verificationKey() instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).keyID(key.keyId()).algorithm(alg).build();
        }
        if (key.verificationKey() instanceof SecretKey secret) {
            return new OctetSequenceKey.Builder(secret).keyID(key.keyId()).algorithm(alg).build();
        }
        if (key.verificationKey() instanceof EdECPublicKey ed && Ed25519Keys.isEd25519(ed)) {
            return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(Ed25519Keys.encode(ed)))
                    .keyID(key.keyId()).algorithm(alg).build();
        }
        throw new SettingsException("key '" + key.keyId() + "' has an unsupported key type "
                + key.verificationKey().getAlgorithm());
    }

    /** The minimum HMAC secret length for an algorithm: as many bits as the hash output. */
    static int hmacBits(JWSAlgorithm alg) {
        return Integer.parseInt(alg.getName().substring(2));
    }

    private static JWSAlgorithm algorithmOf(JWK jwk, String source) {
        if (jwk instanceof OctetKeyPair okp) {
            // Before "alg": an X25519 or Ed448 key is refused for its curve, whatever algorithm it names.
            requireEd25519(okp, source);
        }
        if (jwk.getAlgorithm() != null) {
            JWSAlgorithm alg = JWSAlgorithm.parse(jwk.getAlgorithm().getName());
            if (!SUPPORTED.contains(alg)) {
                throw new SettingsException(source + ": algorithm '" + alg + "' is not supported; use one of "
                        + names(SUPPORTED));
            }
            return alg;
        }
        // Without "alg", pick the algorithm the key type implies, as JWK libraries commonly do.
        if (jwk instanceof ECKey ec) {
            return CURVES.entrySet().stream().filter(e -> e.getValue().equals(ec.getCurve()))
                    .map(Map.Entry::getKey).findFirst()
                    .orElseThrow(() -> new SettingsException(source + ": EC curve " + ec.getCurve()
                            + " is not supported; use P-256, P-384 or P-521"));
        }
        if (jwk instanceof RSAKey) {
            return JWSAlgorithm.RS256;
        }
        if (jwk instanceof OctetSequenceKey) {
            return JWSAlgorithm.HS256;
        }
        if (jwk instanceof OctetKeyPair) {
            // RFC 8037: an Ed25519 OKP key (the only curve let through above) signs EdDSA.
            return JWSAlgorithm.EdDSA;
        }
        throw new SettingsException(source + ": key type " + jwk.getKeyType() + " is not supported; use EC, RSA, oct or OKP");
    }

    private static void requireEd25519(OctetKeyPair okp, String where) {
        if (!Curve.Ed25519.equals(okp.getCurve())) {
            throw new SettingsException(where + ": OKP curve " + okp.getCurve()
                    + " is not supported; EdDSA keys must be on Ed25519");
        }
    }

    /**
     * Converts an Ed25519 OKP key with the JDK (nimbus would need Google Tink) and,
     * when it has a private part, checks that {@code d} and {@code x} belong together:
     * a mismatch would otherwise only show as tokens that never verify.
     */
    private static TokenKey ed25519(OctetKeyPair okp, String kid, String where) {
        try {
            EdECPublicKey publicKey = Ed25519Keys.publicKey(okp.getDecodedX());
            EdECPrivateKey privateKey = okp.isPrivate() ? Ed25519Keys.privateKey(okp.getDecodedD()) : null;
            if (privateKey != null) {
                JWSHeader header = new JWSHeader(JWSAlgorithm.EdDSA);
                byte[] probe = "ssrguard key pair check".getBytes(StandardCharsets.US_ASCII);
                Base64URL signature = new Ed25519JdkSigner(privateKey).sign(header, probe);
                if (!new Ed25519JdkVerifier(publicKey).verify(header, probe, signature)) {
                    throw new SettingsException(where + ": the private part \"d\" does not belong to the public part \"x\"");
                }
            }
            return new TokenKey(kid, JWSAlgorithm.EdDSA.getName(), publicKey, privateKey);
        } catch (GeneralSecurityException | JOSEException e) {
            throw new SettingsException(where + ": the key cannot be read: " + e.getMessage(), e);
        }
    }

    private static void requireFamily(JWSAlgorithm alg, Set<JWSAlgorithm> family, String where) {
        if (!family.contains(alg)) {
            throw new SettingsException(where + ": algorithm " + alg + " does not fit this key type");
        }
    }

    private static String thumbprint(JWK jwk, String source) {
        try {
            return jwk.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new SettingsException(source + ": cannot compute a key id; add \"kid\" to the key", e);
        }
    }

    /** Algorithm names, sorted, for messages. */
    public static String names(Set<JWSAlgorithm> algs) {
        return algs.stream().map(JWSAlgorithm::getName).sorted().toList().toString();
    }
}
