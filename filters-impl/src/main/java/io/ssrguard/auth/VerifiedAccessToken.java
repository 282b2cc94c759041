package io.ssrguard.auth;

import java.time.Instant;

/**
 * An access token whose signature and claims have been verified.
 *
 * @param caller    who the token is for
 * @param sessionId the {@code sid} claim: the login session (refresh family) it belongs to
 * @param tokenId   the {@code jti} claim
 * @param expiresAt the {@code exp} claim
 */
public record VerifiedAccessToken(Caller caller, String sessionId, String tokenId, Instant expiresAt) {
}
