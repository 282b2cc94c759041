package io.ssrguard.auth;

import java.util.Objects;

/**
 * Verifies access tokens through a {@link VerifiedTokenCache}: a token seen
 * before and not yet expired costs a SHA-256 and a map lookup; any other goes
 * through the codec's full signature and claims check, and is remembered when
 * it passes. Keeps {@link AccessTokenCodec} itself free of state.
 */
public final class CachingTokenVerifier implements AccessTokenVerifier {

    private final AccessTokenVerifier codec;
    private final VerifiedTokenCache cache;

    /**
     * @param codec the full verification, run on every cache miss
     * @param cache where verified tokens are remembered; a disabled one makes this a plain pass-through
     */
    public CachingTokenVerifier(AccessTokenCodec codec, VerifiedTokenCache cache) {
        this(Objects.requireNonNull(codec, "codec")::verify, cache);
    }

    CachingTokenVerifier(AccessTokenVerifier codec, VerifiedTokenCache cache) {
        this.codec = codec;
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public VerifiedAccessToken verify(String token) throws InvalidAccessTokenException {
        return cache.verify(token, codec);
    }

    /** The cache behind this verifier, for revocation ({@link VerifiedTokenCache#evictSession(String)}). */
    public VerifiedTokenCache cache() {
        return cache;
    }
}
