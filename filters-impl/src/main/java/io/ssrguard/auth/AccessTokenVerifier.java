package io.ssrguard.auth;

/**
 * Turns a presented compact access token into a verified one. Implemented by
 * {@link CachingTokenVerifier} on the request path; {@code AccessTokenCodec::verify}
 * fits it too, for a verification without any cache.
 */
@FunctionalInterface
public interface AccessTokenVerifier {

    /**
     * Verifies a compact token.
     *
     * @throws InvalidAccessTokenException with a loggable reason when anything is wrong
     */
    VerifiedAccessToken verify(String token) throws InvalidAccessTokenException;
}
