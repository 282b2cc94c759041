package io.ssrguard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SsrGuardProperties;
import io.ssrguard.keys.JwkKeys;
import io.ssrguard.keys.KeyProvider;
import io.ssrguard.keys.TokenKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessTokenCodecTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    static final ECKey KEY = generate("k1");
    static final ECKey OTHER = generate("k2");

    final AuthSettings settings = AuthSettings.load(MapSettings.profile("prod").reader());
    final AccessTokenCodec codec = codec(KEY, NOW);

    static ECKey generate(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).algorithm(JWSAlgorithm.ES256).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    AccessTokenCodec codec(ECKey signing, Instant now, ECKey... alsoVerifying) {
        TokenKey signingKey = JwkKeys.toTokenKey(signing, "test");
        List<TokenKey> verify = new java.util.ArrayList<>(List.of(signingKey));
        for (ECKey k : alsoVerifying) {
            verify.add(JwkKeys.toTokenKey(k.toPublicJWK(), "test"));
        }
        KeyProvider keys = new KeyProvider() {
            public TokenKey signingKey() {
                return signingKey;
            }

            public List<TokenKey> verificationKeys() {
                return verify;
            }
        };
        return new AccessTokenCodec(keys, settings, Clock.fixed(now, ZoneOffset.UTC));
    }

    JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer("ssrguard").audience("ssrguard").subject("alice")
                .claim("groups", List.of("user")).issueTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plusSeconds(300))).jwtID("j").claim("sid", "s");
    }

    static String sign(ECKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    void assertRejected(String token) {
        assertThrows(InvalidAccessTokenException.class, () -> codec.verify(token));
    }

    @Test
    void issuedTokenVerifiesWithCallerSessionAndExpiry() throws Exception {
        String token = codec.issue(new Caller("alice", Set.of("user", "admin")), "sid-1");
        VerifiedAccessToken verified = codec.verify(token);
        assertEquals(new Caller("alice", Set.of("user", "admin")), verified.caller());
        assertEquals("sid-1", verified.sessionId());
        assertEquals(NOW.plus(AuthSettings.DEFAULT_ACCESS_TOKEN_TTL), verified.expiresAt());
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertEquals("alice", claims.getStringClaim("upn"));
        assertEquals("k1", SignedJWT.parse(token).getHeader().getKeyID());
    }

    @Test
    void expiryAndNotBeforeHonourTheClockSkew() throws Exception {
        String token = codec.issue(new Caller("alice", Set.of()), "s");
        Instant exp = NOW.plus(AuthSettings.DEFAULT_ACCESS_TOKEN_TTL);
        codec(KEY, exp.plusSeconds(29)).verify(token);
        assertThrows(InvalidAccessTokenException.class, () -> codec(KEY, exp.plusSeconds(31)).verify(token));

        String notYet = sign(KEY, claims().notBeforeTime(Date.from(NOW.plusSeconds(60))).build());
        assertRejected(notYet);
        codec(KEY, NOW.plusSeconds(45)).verify(notYet);
    }

    @Test
    void tokenIssuedInTheFutureBeyondTheClockSkewIsRejected() throws Exception {
        String tomorrow = sign(KEY, claims().issueTime(Date.from(NOW.plus(java.time.Duration.ofDays(1))))
                .expirationTime(Date.from(NOW.plus(java.time.Duration.ofDays(1)).plusSeconds(300))).build());
        InvalidAccessTokenException e = assertThrows(InvalidAccessTokenException.class, () -> codec.verify(tomorrow));
        assertFalse(e.isExpired(), "never repaired by a refresh");

        codec.verify(sign(KEY, claims().issueTime(Date.from(NOW.plusSeconds(29))).build()));
        assertRejected(sign(KEY, claims().issueTime(Date.from(NOW.plusSeconds(31))).build()));
    }

    @Test
    void wrongIssuerAudienceOrMissingClaimsAreRejected() throws Exception {
        assertRejected(sign(KEY, claims().issuer("other").build()));
        assertRejected(sign(KEY, claims().audience("other").build()));
        assertRejected(sign(KEY, claims().jwtID(null).build()));
        assertRejected(sign(KEY, claims().subject(null).build()));
        assertRejected(sign(KEY, claims().claim("groups", "user").build()));
    }

    @Test
    void signatureAndAlgorithmAttacksAreRejected() throws Exception {
        String token = codec.issue(new Caller("alice", Set.of("user")), "s");
        String[] parts = token.split("\\.");
        String forgedPayload = Base64URL.encode(claims().subject("admin").build().toString()).toString();
        assertRejected(parts[0] + "." + forgedPayload + "." + parts[2]);
        // A character that differs from the one it replaces: the signature is random, so a fixed 'x' could be a no-op.
        char changed = parts[2].charAt(10) == 'x' ? 'y' : 'x';
        assertRejected(parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + changed + parts[2].substring(11));
        assertRejected(Base64URL.encode("{\"alg\":\"none\"}") + "." + parts[1] + ".");

        SignedJWT confused = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(), claims().build());
        confused.sign(new MACSigner(KEY.toECPublicKey().getEncoded()));
        assertRejected(confused.serialize());

        assertRejected(sign(OTHER, claims().build()));
    }

    @Test
    void previousKeysStillVerifyDuringRotation() throws Exception {
        String underOld = sign(OTHER, claims().build());
        assertEquals("alice", codec(KEY, NOW, OTHER).verify(underOld).caller().name());
    }

    @Test
    void garbageAndOversizedInputIsRejectedCleanly() {
        for (String junk : new String[] {"", "x", "a.b.c", "....", "e30.e30.e30", "\u0000\u0001", "A".repeat(5000)}) {
            assertRejected(junk);
        }
    }

    @Test
    void signingKeyOutsideTheAllowListFailsAtStart() {
        AuthSettings hsOnly = AuthSettings.load(MapSettings.profile("prod")
                .with(SsrGuardProperties.AUTH_ALGORITHMS, "HS256").reader());
        TokenKey k = JwkKeys.toTokenKey(KEY, "test");
        KeyProvider keys = new KeyProvider() {
            public TokenKey signingKey() {
                return k;
            }

            public List<TokenKey> verificationKeys() {
                return List.of(k);
            }
        };
        SettingsException e = assertThrows(SettingsException.class,
                () -> new AccessTokenCodec(keys, hsOnly, Clock.systemUTC()));
        assertTrue(e.getMessage().contains(SsrGuardProperties.AUTH_ALGORITHMS), e.getMessage());
        assertTrue(Duration.ofMinutes(15).equals(hsOnly.accessTokenTtl()));
    }
}
