package io.ssrguard.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.ssrguard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The logout-token checks of OpenID Connect Back-Channel Logout 1.0, each proven
 * on a token crafted to fail exactly that one check (the valid token beside it passes).
 */
class LogoutTokenCheckTest {

    static final String ISSUER = IdTokenCheckTest.ISSUER;
    static final String CLIENT = IdTokenCheckTest.CLIENT;
    static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    static RSAKey providerKey;
    static RSAKey foreignKey;
    static DiscoveredProvider provider;

    final MutableClock clock = new MutableClock(NOW);
    final LogoutTokenCheck check = new LogoutTokenCheck(ISSUER, CLIENT, Duration.ofSeconds(60), clock);

    @BeforeAll
    static void keys() throws Exception {
        providerKey = new RSAKeyGenerator(2048).keyID("provider-1").generate();
        // Same key id, another key: a forger who read the JWKS.
        foreignKey = new RSAKeyGenerator(2048).keyID("provider-1").generate();
        provider = IdTokenCheckTest.provider(new JWKSet(providerKey.toPublicJWK()));
    }

    static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(CLIENT).subject("user-1")
                .issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(120)))
                .jwtID("jti-1").claim("sid", "provider-session-1")
                .claim("events", Map.of(LogoutTokenCheck.BACKCHANNEL_LOGOUT_EVENT, Map.of()));
    }

    static String signed(JWTClaimsSet claims) throws Exception {
        return signed(claims, providerKey, new JOSEObjectType("logout+jwt"));
    }

    static String signed(JWTClaimsSet claims, RSAKey key, JOSEObjectType type) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(type)
                .build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    LogoutTokenCheck.LogoutToken valid(String token) throws OidcRefusal {
        return check.validate(token, provider, () -> provider);
    }

    String refused(String token) {
        OidcRefusal e = assertThrows(OidcRefusal.class, () -> check.validate(token, provider, () -> provider));
        assertEquals(400, e.status());
        assertEquals("invalid_request", e.code());
        return e.getMessage();
    }

    @Test
    void validTokenYieldsItsJtiSidSubAndReplayWindow() throws Exception {
        LogoutTokenCheck.LogoutToken token = valid(signed(claims().build()));
        assertEquals("jti-1", token.jti());
        assertEquals("provider-session-1", token.sid().orElseThrow());
        assertEquals("user-1", token.sub().orElseThrow());
        assertEquals(NOW.plusSeconds(120 + 60), token.acceptableUntil(), "exp plus the skew");
    }

    @Test
    void typedAsJwtOrUntypedIsAccepted() throws Exception {
        valid(signed(claims().build(), providerKey, JOSEObjectType.JWT));
        valid(signed(claims().build(), providerKey, null));
    }

    @Test
    void anIdTokenTypeIsRefused() throws Exception {
        refused(signed(claims().build(), providerKey, new JOSEObjectType("at+jwt")));
    }

    @Test
    void forgedSignatureIsRefused() throws Exception {
        assertTrue(refused(signed(claims().build(), foreignKey, JOSEObjectType.JWT)).contains("signature"));
    }

    @Test
    void hmacWithThePublicKeyAndUnsignedTokensAreRefused() throws Exception {
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
        hmac.sign(new MACSigner(providerKey.toRSAPublicKey().getEncoded()));
        refused(hmac.serialize());
        refused(new PlainJWT(claims().build()).serialize());
        refused("not-a-jwt");
    }

    @Test
    void wrongAudienceIsRefused() throws Exception {
        refused(signed(claims().audience("another-client").build()));
    }

    @Test
    void wrongIssuerIsRefused() throws Exception {
        refused(signed(claims().issuer(ISSUER + "-other").build()));
    }

    @Test
    void nonceIsRefusedSoThatAnIdTokenNeverPassesForALogoutToken() throws Exception {
        assertTrue(refused(signed(claims().claim("nonce", "n-1").build())).contains("nonce"));
    }

    @Test
    void missingEventsOrAnotherEventIsRefused() throws Exception {
        refused(signed(claims().claim("events", null).build()));
        refused(signed(claims().claim("events", Map.of("http://schemas.openid.net/event/other", Map.of())).build()));
        refused(signed(claims().claim("events", Map.of(LogoutTokenCheck.BACKCHANNEL_LOGOUT_EVENT, "yes")).build()));
    }

    @Test
    void neitherSidNorSubIsRefused_eitherAloneIsAccepted() throws Exception {
        refused(signed(claims().subject(null).claim("sid", null).build()));
        assertTrue(valid(signed(claims().subject(null).build())).sub().isEmpty());
        assertTrue(valid(signed(claims().claim("sid", null).build())).sid().isEmpty());
        refused(signed(claims().claim("sid", 42).build()));
    }

    @Test
    void missingJtiOrIatIsRefused() throws Exception {
        refused(signed(claims().jwtID(null).build()));
        refused(signed(claims().issueTime(null).build()));
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        String token = signed(claims().build());
        clock.set(NOW.plusSeconds(120 + 61));
        assertTrue(refused(token).toLowerCase().contains("expired"));
    }

    @Test
    void iatInTheFutureBeyondTheSkewIsRefused() throws Exception {
        valid(signed(claims().issueTime(Date.from(NOW.plusSeconds(59))).build()));
        assertTrue(refused(signed(claims().issueTime(Date.from(NOW.plusSeconds(120))).build())).contains("future"));
    }

    @Test
    void tokenWithoutExpIsAcceptedForMaxAgeOnly() throws Exception {
        String token = signed(claims().expirationTime(null).build());
        LogoutTokenCheck.LogoutToken accepted = valid(token);
        assertEquals(NOW.plus(LogoutTokenCheck.MAX_AGE).plusSeconds(60), accepted.acceptableUntil());
        clock.set(NOW.plus(LogoutTokenCheck.MAX_AGE).plusSeconds(61));
        refused(token);
    }

    @Test
    void aLongExpDoesNotExtendTheReplayWindowBeyondMaxAge() throws Exception {
        LogoutTokenCheck.LogoutToken token = valid(signed(claims()
                .expirationTime(Date.from(NOW.plus(Duration.ofDays(1)))).build()));
        assertEquals(NOW.plus(LogoutTokenCheck.MAX_AGE).plusSeconds(60), token.acceptableUntil());
    }

    @Test
    void unknownKeyIdReloadsTheKeysOnce() throws Exception {
        RSAKey rotated = new RSAKeyGenerator(2048).keyID("provider-2").generate();
        DiscoveredProvider withRotated = IdTokenCheckTest.provider(new JWKSet(rotated.toPublicJWK()));
        AtomicInteger reloads = new AtomicInteger();
        String token = signed(claims().build(), rotated, JOSEObjectType.JWT);
        check.validate(token, provider, () -> {
            reloads.incrementAndGet();
            return withRotated;
        });
        assertEquals(1, reloads.get());
    }
}
