package io.ssrguard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SsrGuardProperties;
import io.ssrguard.keys.ConfiguredKeyProvider;
import io.ssrguard.keys.Ed25519JdkSigner;
import io.ssrguard.keys.KeyProvider;
import io.ssrguard.keys.TokenKey;
import java.security.interfaces.EdECPrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Access tokens signed with EdDSA (Ed25519 OKP keys), configured through a JWK set as deployments do. */
class AccessTokenCodecEdDsaTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    // RFC 8037, A.1.
    static final String ED_JWK = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"ed\",\"alg\":\"EdDSA\","
            + "\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}";
    static final String ED_PUBLIC_JWK = ED_JWK.replace("\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\",", "");
    static final ECKey EC = ec("es");

    static ECKey ec(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).algorithm(JWSAlgorithm.ES256).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String set(String... jwks) {
        return "{\"keys\":[" + String.join(",", jwks) + "]}";
    }

    static MapSettings settings(String algorithms, String jwks) {
        return MapSettings.profile("prod").with(SsrGuardProperties.AUTH_ALGORITHMS, algorithms)
                .with(SsrGuardProperties.KEYS_JWKS, jwks);
    }

    static AccessTokenCodec codec(String algorithms, String jwks) {
        MapSettings s = settings(algorithms, jwks);
        return new AccessTokenCodec(ConfiguredKeyProvider.load(s.reader()), AuthSettings.load(s.reader()),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer("ssrguard").audience("ssrguard").subject("alice")
                .claim("groups", List.of("user")).issueTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plusSeconds(300))).jwtID("j").claim("sid", "s");
    }

    static String signEd(String kid, JWTClaimsSet claims) throws Exception {
        TokenKey key = ConfiguredKeyProvider.load(settings("EdDSA", set(ED_JWK)).reader()).signingKey();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new Ed25519JdkSigner((EdECPrivateKey) key.signingKey()));
        return jwt.serialize();
    }

    @Test
    void edDsaTokenRoundTrips() throws Exception {
        AccessTokenCodec codec = codec("EdDSA", set(ED_JWK));
        String token = codec.issue(new Caller("alice", Set.of("user", "admin")), "sid-1");
        SignedJWT parsed = SignedJWT.parse(token);
        assertEquals(JWSAlgorithm.EdDSA, parsed.getHeader().getAlgorithm());
        assertEquals("ed", parsed.getHeader().getKeyID());
        assertEquals(JOSEObjectType.JWT, parsed.getHeader().getType());
        VerifiedAccessToken verified = codec.verify(token);
        assertEquals(new Caller("alice", Set.of("user", "admin")), verified.caller());
        assertEquals("sid-1", verified.sessionId());
        assertEquals(NOW.plus(AuthSettings.DEFAULT_ACCESS_TOKEN_TTL), verified.expiresAt());
    }

    @Test
    void tamperedPayloadSignatureKidOrTypeAreRefused() throws Exception {
        AccessTokenCodec codec = codec("EdDSA", set(ED_JWK));
        String token = codec.issue(new Caller("alice", Set.of("user")), "s");
        String[] parts = token.split("\\.");
        String forged = Base64URL.encode(claims().subject("admin").build().toString()).toString();
        assertThrows(InvalidAccessTokenException.class, () -> codec.verify(parts[0] + "." + forged + "." + parts[2]));
        byte[] sig = Base64URL.from(parts[2]).decode();
        sig[10] ^= 1;
        assertThrows(InvalidAccessTokenException.class,
                () -> codec.verify(parts[0] + "." + parts[1] + "." + Base64URL.encode(sig)));
        assertThrows(InvalidAccessTokenException.class,
                () -> codec.verify(parts[0] + "." + parts[1] + "." + parts[2].substring(0, 20)));
        assertThrows(InvalidAccessTokenException.class, () -> codec.verify(parts[0] + "." + parts[1] + "."));
        assertThrows(InvalidAccessTokenException.class, () -> codec.verify(signEd("unknown", claims().build())));
        // Claims are still checked after an EdDSA signature verified.
        assertThrows(InvalidAccessTokenException.class, () -> codec.verify(signEd("ed", claims().issuer("other").build())));
        assertEquals("alice", codec.verify(signEd("ed", claims().build())).caller().name());
        assertEquals("alice", codec.verify(signEd(null, claims().build())).caller().name());
    }

    @Test
    void edDsaTokenIsRefusedWhenTheAllowListDoesNotNameEdDsa() throws Exception {
        String edToken = signEd("ed", claims().build());
        // The EdDSA key stays in the set for verification, but ES256 alone is allowed.
        AccessTokenCodec esOnly = codec("ES256", set(EC.toJSONString(), ED_PUBLIC_JWK));
        assertThrows(InvalidAccessTokenException.class, () -> esOnly.verify(edToken));
        assertTrue(esOnly.verify(esOnly.issue(new Caller("bob", Set.of()), "s")).caller().name().equals("bob"));
    }

    @Test
    void rotationAcrossKeyTypesKeepsBothVerifying() throws Exception {
        // Signing moved from ES256 to EdDSA; tokens of the old EC key stay valid until they expire.
        AccessTokenCodec codec = codec("ES256,EdDSA", set(ED_JWK, EC.toPublicJWK().toJSONString()));
        SignedJWT esToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("es")
                .type(JOSEObjectType.JWT).build(), claims().build());
        esToken.sign(new ECDSASigner(EC));
        assertEquals("alice", codec.verify(esToken.serialize()).caller().name());
        String edToken = codec.issue(new Caller("carol", Set.of()), "s");
        assertEquals("carol", codec.verify(edToken).caller().name());

        // And the other way round: EC signs, the retired Ed25519 key only verifies.
        AccessTokenCodec back = codec("ES256,EdDSA", set(EC.toJSONString(), ED_PUBLIC_JWK));
        assertEquals("alice", back.verify(signEd("ed", claims().build())).caller().name());
        assertEquals("dave", back.verify(back.issue(new Caller("dave", Set.of()), "s")).caller().name());
        // An ES256 header naming the Ed25519 key's kid finds no key.
        SignedJWT confused = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ed")
                .type(JOSEObjectType.JWT).build(), claims().build());
        confused.sign(new ECDSASigner(EC));
        assertThrows(InvalidAccessTokenException.class, () -> back.verify(confused.serialize()));
    }

    @Test
    void publicOnlyEdKeyVerifiesButCannotSign() throws Exception {
        MapSettings s = settings("EdDSA", set(ED_PUBLIC_JWK));
        SettingsException e = assertThrows(SettingsException.class, () -> ConfiguredKeyProvider.load(s.reader()));
        assertTrue(e.getMessage().contains("private part"), e.getMessage());

        TokenKey publicOnly = ConfiguredKeyProvider.load(settings("EdDSA", set(EC.toJSONString(), ED_PUBLIC_JWK)).reader())
                .verificationKeys().stream().filter(k -> k.keyId().equals("ed")).findFirst().orElseThrow();
        assertNull(publicOnly.signingKey());
        KeyProvider verifyOnly = new KeyProvider() {
            public TokenKey signingKey() {
                return publicOnly;
            }

            public List<TokenKey> verificationKeys() {
                return List.of(publicOnly);
            }
        };
        AuthSettings auth = AuthSettings.load(settings("EdDSA", set(ED_JWK)).reader());
        SettingsException cannotSign = assertThrows(SettingsException.class,
                () -> new AccessTokenCodec(verifyOnly, auth, Clock.systemUTC()));
        assertTrue(cannotSign.getMessage().contains("no private part"), cannotSign.getMessage());

        AccessTokenCodec verifier = codec("ES256,EdDSA", set(EC.toJSONString(), ED_PUBLIC_JWK));
        assertEquals("alice", verifier.verify(signEd("ed", claims().build())).caller().name());
    }

    @Test
    void x25519KeyStopsTheConfigurationNamingSettingAndCurve() {
        String x25519 = "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"kid\":\"Bob\",\"x\":\"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08\"}";
        SettingsException e = assertThrows(SettingsException.class,
                () -> ConfiguredKeyProvider.load(settings("ES256", set(EC.toJSONString(), x25519)).reader()));
        assertTrue(e.getMessage().contains(SsrGuardProperties.KEYS_JWKS), e.getMessage());
        assertTrue(e.getMessage().contains("X25519"), e.getMessage());
    }

    @Test
    void edDsaSigningKeyOutsideTheAllowListFailsAtStart() {
        SettingsException e = assertThrows(SettingsException.class, () -> codec("ES256", set(ED_JWK)));
        assertTrue(e.getMessage().contains(SsrGuardProperties.AUTH_ALGORITHMS), e.getMessage());
    }
}
