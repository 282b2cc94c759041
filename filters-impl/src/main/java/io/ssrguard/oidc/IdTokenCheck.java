package io.ssrguard.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Validates an ID token with nimbus' {@link IDTokenValidator}: signature
 * against the provider's JWKS, {@code iss}, {@code aud} (and {@code azp}),
 * {@code exp}, {@code iat} and {@code nonce}.
 *
 * <p>Only asymmetric algorithms are accepted, those the provider announces
 * ({@code id_token_signing_alg_values_supported}) among them, RS256 when it
 * announces none: the algorithm never comes from the token header, and
 * HMAC-signed or unsigned ID tokens are refused outright.
 */
public final class IdTokenCheck {

    static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512, JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

    private final Issuer issuer;
    private final ClientID clientId;
    private final int clockSkewSeconds;

    /**
     * @param issuer    the configured issuer, which the token's {@code iss} must equal
     * @param clientId  the client id, which the token's {@code aud} must contain
     * @param clockSkew tolerated clock difference
     */
    public IdTokenCheck(String issuer, String clientId, Duration clockSkew) {
        this.issuer = new Issuer(issuer);
        this.clientId = new ClientID(clientId);
        this.clockSkewSeconds = Math.toIntExact(clockSkew.toSeconds());
    }

    /**
     * Validates the token against the provider's keys; when it names a key the
     * keys lack, asks {@code reloadedKeys} once for fresher ones and tries again.
     *
     * @throws OidcRefusal 401 {@code invalid_id_token}, with the reason for the log
     */
    public JWTClaimsSet validate(JWT idToken, String expectedNonce, DiscoveredProvider provider,
                                 Supplier<DiscoveredProvider> reloadedKeys) throws OidcRefusal {
        if (!(idToken instanceof SignedJWT signed)) {
            throw refused("ID token is not signed (" + idToken.getClass().getSimpleName() + ")", null);
        }
        String kid = signed.getHeader().getKeyID();
        DiscoveredProvider keys = provider;
        if (kid != null && provider.keys().getKeyByKeyId(kid) == null) {
            keys = reloadedKeys.get();
        }
        return validate(signed, expectedNonce, keys);
    }

    JWTClaimsSet validate(SignedJWT idToken, String expectedNonce, DiscoveredProvider provider) throws OidcRefusal {
        JWSHeader header = idToken.getHeader();
        Set<JWSAlgorithm> algorithms = algorithms(provider);
        if (!algorithms.contains(header.getAlgorithm())) {
            throw refused("ID token algorithm " + header.getAlgorithm() + " is not among " + algorithms, null);
        }
        IDTokenValidator validator = new IDTokenValidator(issuer, clientId,
                new JWSVerificationKeySelector<SecurityContext>(algorithms, new ImmutableJWKSet<>(provider.keys())),
                null);
        validator.setMaxClockSkew(clockSkewSeconds);
        try {
            validator.validate(idToken, new Nonce(expectedNonce));
            return idToken.getJWTClaimsSet();
        } catch (BadJOSEException e) {
            throw refused("ID token rejected: " + e.getMessage(), e);
        } catch (JOSEException | ParseException e) {
            throw refused("ID token could not be processed: " + e.getMessage(), e);
        }
    }

    /** The provider's announced asymmetric algorithms, or RS256 (the OIDC default) when it announces none. */
    static Set<JWSAlgorithm> algorithms(DiscoveredProvider provider) {
        List<JWSAlgorithm> announced = provider.metadata().getIDTokenJWSAlgs();
        Set<JWSAlgorithm> allowed = new LinkedHashSet<>();
        if (announced != null) {
            announced.stream().filter(ASYMMETRIC::contains).forEach(allowed::add);
        }
        if (allowed.isEmpty()) {
            allowed.add(JWSAlgorithm.RS256);
        }
        return allowed;
    }

    private static OidcRefusal refused(String reason, Throwable cause) {
        return new OidcRefusal(401, "invalid_id_token", reason, cause);
    }
}
