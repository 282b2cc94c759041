package io.ssrguard.keys;

import java.util.List;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * Supplies the pack's keys and secrets: the keys that sign and verify access
 * tokens, the AES keys of its encrypted tokens, and named secrets.
 *
 * <p>The default implementation reads everything from configuration
 * ({@code ssrguard.keys.jwks}, {@code ssrguard.csrf.keys}, ...). To take keys from
 * a key vault instead, implement this interface and register the class in
 * {@code META-INF/services/io.ssrguard.keys.KeyProvider} of the WAR (a public
 * no-argument constructor); the pack then uses it for everything it supplies and
 * configuration for the rest. Implementations must be thread-safe; the pack calls
 * them at start and keeps what they return.
 */
public interface KeyProvider {

    /** The key new access tokens are signed with; it must be able to sign. */
    TokenKey signingKey();

    /**
     * Every key a presented token may be verified with: the signing key and any
     * previous keys still accepted during a key rotation. Keys are told apart by
     * {@link TokenKey#keyId()}.
     */
    List<TokenKey> verificationKeys();

    /**
     * The 32-byte AES keys of the pack's encrypted tokens (CSRF and SSR bypass
     * tokens, the OpenID Connect flow cookie), the active key first, then previous
     * ones still accepted during a rotation. Empty (the default): the keys come
     * from {@code ssrguard.csrf.keys} / {@code ssrguard.csrf.key-file}.
     */
    default List<SecretKey> encryptionKeys() {
        return List.of();
    }

    /**
     * A secret setting held outside configuration, by its property name, for
     * example {@code ssrguard.oidc.client-secret}, {@code ssrguard.refresh.secret} or
     * {@code ssrguard.guard.secrets}. Empty (the default): the property is read
     * from configuration.
     */
    default Optional<String> secret(String propertyName) {
        return Optional.empty();
    }
}
