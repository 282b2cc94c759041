package io.ssrguard.refresh;

import java.time.Instant;

/**
 * A token that had already been rotated was presented after the grace window: a
 * sign that it was copied. The whole family is revoked (a
 * {@link RefreshFamilyRevoked} with {@link RevocationReason#REUSE_DETECTED} follows).
 *
 * @param familyId   the family
 * @param user       its user
 * @param hashPrefix the first characters of the reused token's hash, to correlate log lines
 * @param usedAt     when the token was first rotated
 * @param at         when it was presented again
 */
public record RefreshTokenReuseDetected(String familyId, String user, String hashPrefix, Instant usedAt, Instant at)
        implements RefreshSecurityEvent {
}
