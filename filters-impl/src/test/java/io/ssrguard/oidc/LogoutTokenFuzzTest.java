package io.ssrguard.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import io.ssrguard.testing.FuzzBudget;
import io.ssrguard.testing.FuzzInput;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the back-channel logout token as the provider's POST delivers it, checked
 * against a fixed ES256 test key and clock so that the committed seed "valid" passes
 * and the fuzzer reaches the claims checks.
 *
 * <p>Invariant: a {@link LogoutTokenCheck.LogoutToken} or {@link OidcRefusal} 400
 * {@code invalid_request}, nothing else, each call under {@link FuzzInput#BOUND}.
 */
class LogoutTokenFuzzTest {

    /** The public half of a test-only P-256 key; the seeds were signed with its private half. */
    static final String PUBLIC_JWK = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"fuzz-1\",\"x\":\"EZp9S57p0O-9rCdT8X0e4OHm-RGCKGi015l3OuKVNjc\",\"y\":\"B0LDdWB7yKW_rtf1ceRQNQpZKCmcEVm6JhsgjGKTlWM\"}";
    static final Instant NOW = Instant.parse("2026-12-04T12:00:30Z");

    private final LogoutTokenCheck check = new LogoutTokenCheck("https://sso.example.com/realms/shop", "shop",
            Duration.ofSeconds(60), Clock.fixed(NOW, ZoneOffset.UTC));
    private final DiscoveredProvider provider = provider();

    static DiscoveredProvider provider() {
        OIDCProviderMetadata metadata = new OIDCProviderMetadata(new Issuer("https://sso.example.com/realms/shop"),
                List.of(SubjectType.PUBLIC), URI.create("https://sso.example.com/realms/shop/certs"));
        metadata.setIDTokenJWSAlgs(List.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256));
        try {
            return new DiscoveredProvider(metadata, new JWKSet(JWK.parse(PUBLIC_JWK)), NOW);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theValidSeedPassesEveryCheckSoTheFuzzerReachesTheClaims() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("LogoutTokenFuzzTestInputs/logoutToken/valid")) {
            String seed = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertEquals("provider-session-1", check.validate(seed, provider, () -> provider).sid().orElseThrow());
        }
    }

    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void logoutToken(byte[] data) throws Exception {
        String value = FuzzInput.latin1(data);
        FuzzInput.bounded("logout token check", () -> {
            try {
                LogoutTokenCheck.LogoutToken token = check.validate(value, provider, () -> provider);
                assertNotNull(token.jti(), "an accepted logout token has its jti");
            } catch (OidcRefusal refused) {
                assertEquals(400, refused.status(), refused.getMessage());
                assertEquals("invalid_request", refused.code(), refused.getMessage());
            }
        });
    }
}
