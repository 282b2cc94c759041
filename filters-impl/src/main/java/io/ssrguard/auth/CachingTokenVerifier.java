package io.ssrguard.auth;

import io.ssrguard.refresh.EndedFamilies;
import java.util.Objects;

/**
 * Verifies access tokens through a {@link VerifiedTokenCache}: a token seen
 * before and not yet expired costs a SHA-256 and a map lookup; any other goes
 * through the codec's full signature and claims check, and is remembered when
 * it passes. Keeps {@link AccessTokenCodec} itself free of state.
 *
 * <p>Either way, a token whose login session (refresh family, the {@code sid})
 * has ended is refused: the check comes after the cache, so a cached token of
 * a family revoked on this node or, through the store's log, on another one is
 * refused on its next request, without a store read.
 */
public final class CachingTokenVerifier implements AccessTokenVerifier {

    private final AccessTokenVerifier codec;
    private final VerifiedTokenCache cache;
    private final EndedFamilies ended;

    /**
     * @param codec the full verification, run on every cache miss
     * @param cache where verified tokens are remembered; a disabled one makes this a plain pass-through
     * @param ended the families whose access tokens are refused before they expire
     */
    public CachingTokenVerifier(AccessTokenCodec codec, VerifiedTokenCache cache, EndedFamilies ended) {
        this(Objects.requireNonNull(codec, "codec")::verify, cache, ended);
    }

    CachingTokenVerifier(AccessTokenVerifier codec, VerifiedTokenCache cache, EndedFamilies ended) {
        this.codec = codec;
        this.cache = Objects.requireNonNull(cache, "cache");
        this.ended = Objects.requireNonNull(ended, "ended");
    }

    @Override
    public VerifiedAccessToken verify(String token) throws InvalidAccessTokenException {
        VerifiedAccessToken verified = cache.verify(token, codec);
        if (ended.contains(verified.sessionId())) {
            // Not "expired": a refresh cookie must not repair it (its family has ended too).
            throw new InvalidAccessTokenException("session ended");
        }
        return verified;
    }

    /** The cache behind this verifier, for revocation ({@link VerifiedTokenCache#evictSession(String)}). */
    public VerifiedTokenCache cache() {
        return cache;
    }
}
