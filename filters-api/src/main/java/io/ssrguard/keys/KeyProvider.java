package io.ssrguard.keys;

import java.util.List;

/**
 * Supplies the keys that sign and verify the pack's access tokens.
 *
 * <p>The default implementation reads a JWK set from configuration
 * ({@code ssrguard.keys.jwks} or {@code ssrguard.keys.jwks-file}). Implement this
 * interface to take keys from a key vault instead. Implementations must be
 * thread-safe; the pack calls them at start and caches what they return.
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
}
