package io.ssrguard.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Access tokens made by the tests, valid or deliberately broken in one way each. */
final class ForgedTokens {

    static final String ISSUER = "ssrguard-sample";
    static final String AUDIENCE = "ssrguard-sample";

    private ForgedTokens() {
    }

    /** Claims the deployment would accept for {@code alice}. */
    static JWTClaimsSet.Builder validClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER).audience(AUDIENCE).subject("alice").claim("upn", "alice")
                .claim("groups", List.of("user"))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString()).claim("sid", "forged-session");
    }

    static String signed(ECKey key, UnaryOperator<JWTClaimsSet.Builder> change) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), change.apply(validClaims()).build());
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Valid claims, signed by {@code key} under a header changed as given (ES256 and the key's {@code kid} to start with). */
    static String withHeader(ECKey key, UnaryOperator<JWSHeader.Builder> header) {
        try {
            SignedJWT jwt = new SignedJWT(header.apply(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT)).build(), validClaims().build());
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Valid claims under a hand-written header, with no signature: {@code alg: none} and its spellings. */
    static String unsignedWithHeader(String headerJson) {
        return Base64URL.encode(headerJson) + "." + Base64URL.encode(validClaims().build().toString()) + ".";
    }

    /** A validly signed token by the deployment's own key, claims changed as given. */
    static String signedByDeploymentKey(UnaryOperator<JWTClaimsSet.Builder> change) {
        return signed(TestKeys.SIGNING, change);
    }

    /** {@code alg: none}, no signature. */
    static String unsigned() {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}").toString();
        String payload = Base64URL.encode(validClaims().build().toString()).toString();
        return header + "." + payload + ".";
    }

    /** HS256 keyed with the ES256 public key's encoding: the classic algorithm-confusion attack. */
    static String algorithmConfusion() {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(TestKeys.SIGNING.getKeyID())
                    .type(JOSEObjectType.JWT).build(), validClaims().build());
            jwt.sign(new MACSigner(TestKeys.SIGNING.toECPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token with its payload swapped for one claiming another user and group, signature kept. */
    static String tamperedPayload(String token) {
        String[] parts = token.split("\\.");
        String payload = Base64URL.encode(validClaims().subject("admin").claim("groups", List.of("user", "admin"))
                .build().toString()).toString();
        return parts[0] + "." + payload + "." + parts[2];
    }

    /** The token with one signature character changed. */
    static String tamperedSignature(String token) {
        int i = token.lastIndexOf('.') + 5;
        char c = token.charAt(i) == 'A' ? 'B' : 'A';
        return token.substring(0, i) + c + token.substring(i + 1);
    }
}
