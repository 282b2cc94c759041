package io.ssrguard.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import io.ssrguard.keys.JwkKeys;
import io.ssrguard.keys.TokenKey;
import java.security.Key;
import java.security.interfaces.EdECPublicKey;
import java.util.List;
import java.util.Set;

/**
 * Picks the verification keys for a token. EC, RSA and HMAC keys go through
 * nimbus' {@link JWSVerificationKeySelector} over a JWK set, as they always have;
 * Ed25519 keys cannot (nimbus turns OKP JWKs into JDK keys only with Google Tink),
 * so for {@code EdDSA} the same rules are applied here to the {@link TokenKey}s
 * directly: the algorithm must be on the configured allow-list (never trusted
 * from the header alone) and a {@code kid} in the header must name the key.
 */
final class TokenKeySelector implements JWSKeySelector<SecurityContext> {

    private final boolean eddsaAllowed;
    private final List<TokenKey> eddsaKeys;
    private final JWSVerificationKeySelector<SecurityContext> others;

    TokenKeySelector(List<TokenKey> keys, Set<JWSAlgorithm> allowed) {
        this.eddsaAllowed = allowed.contains(JWSAlgorithm.EdDSA);
        this.eddsaKeys = keys.stream().filter(TokenKeySelector::isEdDsa).toList();
        JWKSet jwks = new JWKSet(keys.stream().filter(k -> !isEdDsa(k)).map(JwkKeys::toVerificationJwk).toList());
        this.others = new JWSVerificationKeySelector<>(allowed, new ImmutableJWKSet<>(jwks));
    }

    private static boolean isEdDsa(TokenKey key) {
        return JWSAlgorithm.EdDSA.getName().equals(key.algorithm()) && key.verificationKey() instanceof EdECPublicKey;
    }

    @Override
    public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
        if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
            return others.selectJWSKeys(header, context);
        }
        if (!eddsaAllowed) {
            // Same outcome as nimbus for an algorithm off the list: no candidate key, the token is refused.
            return List.of();
        }
        String kid = header.getKeyID();
        // Like nimbus' JWK matcher: without a kid every key of the algorithm is a candidate.
        return eddsaKeys.stream().filter(k -> kid == null || kid.equals(k.keyId()))
                .map(TokenKey::verificationKey).toList();
    }
}
