package io.ssrguard.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ID-token validation on locally signed tokens. The mock provider in the
 * container tests always echoes the nonce it was sent and signs with its own
 * key, so nonce, signature and expiry failures are proven here, on tokens
 * crafted to fail exactly one check each.
 */
class IdTokenCheckTest {

    static final String ISSUER = "https://sso.example.com/realms/shop";
    static final String CLIENT = "shop";
    static final String NONCE = "n-0123456789";

    static RSAKey providerKey;
    static RSAKey foreignKey;
    static DiscoveredProvider provider;

    final IdTokenCheck check = new IdTokenCheck(ISSUER, CLIENT, Duration.ofSeconds(60));

    @BeforeAll
    static void keys() throws Exception {
        providerKey = new RSAKeyGenerator(2048).keyID("provider-1").generate();
        foreignKey = new RSAKeyGenerator(2048).keyID("provider-1").generate();
        provider = provider(new JWKSet(providerKey.toPublicJWK()));
    }

    static DiscoveredProvider provider(JWKSet keys) {
        OIDCProviderMetadata metadata = new OIDCProviderMetadata(new Issuer(ISSUER), List.of(SubjectType.PUBLIC),
                URI.create(ISSUER + "/certs"));
        metadata.setIDTokenJWSAlgs(List.of(JWSAlgorithm.RS256));
        return new DiscoveredProvider(metadata, keys, Instant.now());
    }

    static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(CLIENT).subject("u-1")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("nonce", NONCE).claim("preferred_username", "alice");
    }

    static SignedJWT signed(JWTClaimsSet claims, RSAKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt;
    }

    OidcRefusal refused(SignedJWT token) {
        OidcRefusal e = assertThrows(OidcRefusal.class, () -> check.validate(token, NONCE, provider, () -> provider));
        assertEquals(401, e.status());
        assertEquals("invalid_id_token", e.code());
        return e;
    }

    @Test
    void validTokenGivesItsClaims() throws Exception {
        JWTClaimsSet claims = check.validate(signed(claims().build(), providerKey), NONCE, provider, () -> provider);
        assertEquals("alice", claims.getStringClaim("preferred_username"));
    }

    @Test
    void wrongNonceIsRefused() throws Exception {
        refused(signed(claims().claim("nonce", "n-other").build(), providerKey));
        refused(signed(claims().claim("nonce", null).build(), providerKey));
    }

    @Test
    void wrongAudienceIsRefused() throws Exception {
        refused(signed(claims().audience("another-client").build(), providerKey));
    }

    @Test
    void wrongIssuerIsRefused() throws Exception {
        refused(signed(claims().issuer("https://evil.example").build(), providerKey));
    }

    @Test
    void signatureByAnotherKeyWithTheSameKeyIdIsRefused() throws Exception {
        refused(signed(claims().build(), foreignKey));
    }

    @Test
    void tamperedPayloadIsRefused() throws Exception {
        SignedJWT good = signed(claims().build(), providerKey);
        String[] parts = good.serialize().split("\\.");
        String forgedPayload = com.nimbusds.jose.util.Base64URL.encode(
                claims().claim("preferred_username", "admin").build().toString()).toString();
        refused(SignedJWT.parse(parts[0] + "." + forgedPayload + "." + parts[2]));
    }

    @Test
    void expiredTokenIsRefusedBeyondTheClockSkew() throws Exception {
        Instant past = Instant.now().minus(Duration.ofMinutes(10));
        refused(signed(claims().issueTime(Date.from(past.minusSeconds(300))).expirationTime(Date.from(past)).build(),
                providerKey));
    }

    @Test
    void hmacAndUnsignedTokensAreRefused() throws Exception {
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
        hmac.sign(new MACSigner("a-client-secret-that-is-long-enough-for-hs256!!"));
        OidcRefusal e = refused(hmac);
        assertTrue(e.getMessage().contains("HS256"), e.getMessage());
        assertThrows(OidcRefusal.class, () -> check.validate(new PlainJWT(claims().build()), NONCE, provider,
                () -> provider));
    }

    @Test
    void unknownKeyIdReloadsTheKeysOnceAndThenValidates() throws Exception {
        RSAKey rotated = new RSAKeyGenerator(2048).keyID("provider-2").generate();
        DiscoveredProvider afterRotation = provider(new JWKSet(List.of(providerKey.toPublicJWK(), rotated.toPublicJWK())));
        AtomicInteger reloads = new AtomicInteger();
        JWTClaimsSet claims = check.validate(signed(claims().build(), rotated), NONCE, provider, () -> {
            reloads.incrementAndGet();
            return afterRotation;
        });
        assertEquals("u-1", claims.getSubject());
        assertEquals(1, reloads.get());

        // A known key id never triggers a reload.
        check.validate(signed(claims().build(), providerKey), NONCE, provider, () -> {
            throw new AssertionError("reloaded for a known key");
        });
    }
}
