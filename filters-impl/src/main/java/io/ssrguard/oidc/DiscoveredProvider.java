package io.ssrguard.oidc;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The provider as last loaded: its discovery document and its signing keys.
 * Immutable; a refresh replaces the whole value, so one sign-in never sees the
 * endpoints of one load and the keys of another.
 *
 * @param metadata the discovery document, its issuer checked against the configured one
 * @param keys     the public keys from {@code jwks_uri}
 * @param loadedAt when this value was loaded
 */
public record DiscoveredProvider(OIDCProviderMetadata metadata, JWKSet keys, Instant loadedAt) {

    public DiscoveredProvider {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(loadedAt, "loadedAt");
    }

    public URI authorizationEndpoint() {
        return metadata.getAuthorizationEndpointURI();
    }

    public URI tokenEndpoint() {
        return metadata.getTokenEndpointURI();
    }

    /** The RP-initiated logout endpoint, when the provider has one. */
    public Optional<URI> endSessionEndpoint() {
        return Optional.ofNullable(metadata.getEndSessionEndpointURI());
    }

    /** The same provider with fresh keys (a key rotation seen between two scheduled loads). */
    public DiscoveredProvider withKeys(JWKSet fresh, Instant at) {
        return new DiscoveredProvider(metadata, fresh, at);
    }
}
