package io.ssrguard.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import io.ssrguard.config.SettingsException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Ed25519 conversions, signer and verifier against RFC 8037 Appendix A, and OKP keys in {@link JwkKeys}. */
class Ed25519KeysTest {

    // RFC 8037, A.1 (key), A.3 (thumbprint), A.4 (JWS).
    static final String D = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
    static final String X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    static final String RFC_JWK = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"d\":\"" + D + "\",\"x\":\"" + X + "\"}";
    static final String THUMBPRINT = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";
    static final String SIGNING_INPUT = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
    static final String SIGNATURE = "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
    // RFC 8037, A.6: an X25519 (key agreement) key, which must never be taken for a signing key.
    static final String X25519_JWK = "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"kid\":\"Bob\",\"x\":\"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08\"}";

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static JWSHeader eddsaHeader() {
        return new JWSHeader(JWSAlgorithm.EdDSA);
    }

    @Test
    void rfcKeyConvertsBothWaysAndMatchesTheJdkEncodings() throws Exception {
        byte[] x = Base64URL.from(X).decode();
        byte[] d = Base64URL.from(D).decode();
        EdECPublicKey pub = Ed25519Keys.publicKey(x);
        EdECPrivateKey priv = Ed25519Keys.privateKey(d);
        assertArrayEquals(x, Ed25519Keys.encode(pub));
        assertArrayEquals(d, Ed25519Keys.encode(priv));
        // The JDK's X.509 and PKCS#8 encodings end with exactly the RFC 8032 bytes: an independent check.
        byte[] spki = pub.getEncoded();
        assertArrayEquals(x, Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        byte[] pkcs8 = priv.getEncoded();
        assertArrayEquals(d, Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length));
        // Top bit of the last byte is the sign of x; the rest is y little-endian.
        assertEquals((x[31] & 0x80) != 0, pub.getPoint().isXOdd());
        byte[] y = x.clone();
        y[31] &= 0x7f;
        assertEquals(new java.math.BigInteger(1, reverse(y)), pub.getPoint().getY());
    }

    @Test
    void jdkGeneratedKeysRoundTripWithOddAndEvenX() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        boolean sawOdd = false;
        boolean sawEven = false;
        for (int i = 0; i < 64 && !(sawOdd && sawEven); i++) {
            KeyPair pair = generator.generateKeyPair();
            EdECPublicKey pub = (EdECPublicKey) pair.getPublic();
            byte[] x = Ed25519Keys.encode(pub);
            byte[] spki = pub.getEncoded();
            assertArrayEquals(Arrays.copyOfRange(spki, spki.length - 32, spki.length), x);
            EdECPublicKey back = Ed25519Keys.publicKey(x);
            assertEquals(pub.getPoint().isXOdd(), back.getPoint().isXOdd());
            assertEquals(pub.getPoint().getY(), back.getPoint().getY());
            sawOdd |= pub.getPoint().isXOdd();
            sawEven |= !pub.getPoint().isXOdd();
        }
        assertTrue(sawOdd && sawEven);
    }

    @Test
    void wrongLengthsAreRefused() {
        assertThrows(java.security.GeneralSecurityException.class, () -> Ed25519Keys.publicKey(new byte[31]));
        assertThrows(java.security.GeneralSecurityException.class, () -> Ed25519Keys.privateKey(new byte[33]));
    }

    @Test
    void rfcSignatureVerifiesWithOurVerifier() throws Exception {
        Ed25519JdkVerifier verifier = new Ed25519JdkVerifier(Ed25519Keys.publicKey(Base64URL.from(X).decode()));
        assertTrue(verifier.verify(eddsaHeader(), ascii(SIGNING_INPUT), Base64URL.from(SIGNATURE)));
        // And through nimbus' JWS object, as the token processor uses it.
        assertTrue(JWSObject.parse(SIGNING_INPUT + "." + SIGNATURE).verify(verifier));
    }

    @Test
    void ourSignerReproducesTheRfcSignatureAndTheJdkVerifiesIt() throws Exception {
        // Ed25519 is deterministic, so the RFC's signature is the only right answer.
        Ed25519JdkSigner signer = new Ed25519JdkSigner(Ed25519Keys.privateKey(Base64URL.from(D).decode()));
        Base64URL signature = signer.sign(eddsaHeader(), ascii(SIGNING_INPUT));
        assertEquals(SIGNATURE, signature.toString());

        JWSObject jws = new JWSObject(eddsaHeader(), new Payload("hello, Ed25519"));
        jws.sign(signer);
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(Ed25519Keys.publicKey(Base64URL.from(X).decode()));
        jdk.update(jws.getSigningInput());
        assertTrue(jdk.verify(jws.getSignature().decode()));
    }

    @Test
    void verifierRefusesOtherAlgorithmsBadSignaturesAndGarbageWithoutThrowing() throws Exception {
        Ed25519JdkVerifier verifier = new Ed25519JdkVerifier(Ed25519Keys.publicKey(Base64URL.from(X).decode()));
        byte[] input = ascii(SIGNING_INPUT);
        assertFalse(verifier.verify(new JWSHeader(JWSAlgorithm.ES256), input, Base64URL.from(SIGNATURE)));
        assertFalse(verifier.verify(new JWSHeader(JWSAlgorithm.Ed25519), input, Base64URL.from(SIGNATURE)));
        assertFalse(verifier.verify(eddsaHeader(), ascii(SIGNING_INPUT + "x"), Base64URL.from(SIGNATURE)));
        byte[] flipped = Base64URL.from(SIGNATURE).decode();
        flipped[5] ^= 1;
        assertFalse(verifier.verify(eddsaHeader(), input, Base64URL.encode(flipped)));
        assertFalse(verifier.verify(eddsaHeader(), input, Base64URL.encode(new byte[64])));
        byte[] allOnes = new byte[64];
        Arrays.fill(allOnes, (byte) 0xff);
        assertFalse(verifier.verify(eddsaHeader(), input, Base64URL.encode(allOnes)));
        assertFalse(verifier.verify(eddsaHeader(), input, Base64URL.encode(new byte[63])));
        assertFalse(verifier.verify(eddsaHeader(), input, new Base64URL("!!not base64!!")));
        assertFalse(verifier.verify(eddsaHeader(), input, null));
    }

    @Test
    void signerRefusesOtherAlgorithms() throws Exception {
        Ed25519JdkSigner signer = new Ed25519JdkSigner(Ed25519Keys.privateKey(Base64URL.from(D).decode()));
        assertThrows(com.nimbusds.jose.JOSEException.class, () -> signer.sign(new JWSHeader(JWSAlgorithm.ES256), ascii("x")));
    }

    @Test
    void ed448KeysAreRefusedBySignerAndVerifier() throws Exception {
        KeyPair ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair();
        assertThrows(com.nimbusds.jose.JOSEException.class, () -> new Ed25519JdkSigner((EdECPrivateKey) ed448.getPrivate()));
        assertThrows(com.nimbusds.jose.JOSEException.class, () -> new Ed25519JdkVerifier((EdECPublicKey) ed448.getPublic()));
    }

    @Test
    void okpJwkWithoutAlgBecomesAnEdDsaTokenKeyNamedByThumbprint() throws Exception {
        TokenKey key = JwkKeys.toTokenKey(JWK.parse(RFC_JWK), "ssrguard.keys.jwks");
        assertEquals("EdDSA", key.algorithm());
        assertEquals(THUMBPRINT, key.keyId());
        assertTrue(key.verificationKey() instanceof EdECPublicKey);
        assertTrue(key.signingKey() instanceof EdECPrivateKey);

        TokenKey publicOnly = JwkKeys.toTokenKey(JWK.parse(RFC_JWK).toPublicJWK(), "ssrguard.keys.jwks");
        assertNull(publicOnly.signingKey());

        JWK back = JwkKeys.toVerificationJwk(key);
        assertTrue(back instanceof OctetKeyPair);
        assertEquals(Curve.Ed25519, ((OctetKeyPair) back).getCurve());
        assertEquals(X, ((OctetKeyPair) back).getX().toString());
        assertFalse(back.isPrivate());
        assertEquals(JWSAlgorithm.EdDSA, back.getAlgorithm());
        // A key from a custom KeyProvider is validated this way (SsrGuardRuntime): it must survive the trip.
        assertEquals("EdDSA", JwkKeys.toTokenKey(back, "vault").algorithm());
    }

    @Test
    void okpKeysOnOtherCurvesOrAlgorithmsStopTheConfiguration() throws Exception {
        SettingsException x25519 = assertThrows(SettingsException.class,
                () -> JwkKeys.toTokenKey(JWK.parse(X25519_JWK), "ssrguard.keys.jwks"));
        assertTrue(x25519.getMessage().contains("ssrguard.keys.jwks"), x25519.getMessage());
        assertTrue(x25519.getMessage().contains("X25519"), x25519.getMessage());

        String withAlg = X25519_JWK.replace("\"kid\"", "\"alg\":\"EdDSA\",\"kid\"");
        SettingsException named = assertThrows(SettingsException.class,
                () -> JwkKeys.toTokenKey(JWK.parse(withAlg), "ssrguard.keys.jwks"));
        assertTrue(named.getMessage().contains("X25519"), named.getMessage());

        String asEs256 = RFC_JWK.replace("\"kty\"", "\"alg\":\"ES256\",\"kty\"");
        assertThrows(SettingsException.class, () -> JwkKeys.toTokenKey(JWK.parse(asEs256), "ssrguard.keys.jwks"));
    }

    @Test
    void privatePartThatDoesNotMatchThePublicPartIsRefused() throws Exception {
        OctetKeyPair other = (OctetKeyPair) JwksGenerator.generate(JWSAlgorithm.EdDSA, "other");
        String mismatched = RFC_JWK.replace(D, other.getD().toString());
        SettingsException e = assertThrows(SettingsException.class,
                () -> JwkKeys.toTokenKey(JWK.parse(mismatched), "ssrguard.keys.jwks"));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
    }

    @Test
    void generatorWritesAnOkpEd25519KeyThatLoadsAndSigns() throws Exception {
        JWK generated = JwksGenerator.generate(JWSAlgorithm.EdDSA, "ed-1");
        assertTrue(generated instanceof OctetKeyPair);
        assertEquals(Curve.Ed25519, ((OctetKeyPair) generated).getCurve());
        assertTrue(generated.isPrivate());
        assertEquals(JWSAlgorithm.EdDSA, generated.getAlgorithm());
        TokenKey key = JwkKeys.toTokenKey(JWK.parse(generated.toJSONString()), "generated key");
        assertEquals("ed-1", key.keyId());
        Base64URL signature = new Ed25519JdkSigner((EdECPrivateKey) key.signingKey()).sign(eddsaHeader(), ascii("abc"));
        assertTrue(new Ed25519JdkVerifier((EdECPublicKey) key.verificationKey()).verify(eddsaHeader(), ascii("abc"), signature));
        assertTrue(JwkKeys.SUPPORTED.contains(JWSAlgorithm.EdDSA));
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }
}
