package io.ssrguard.refresh;

import java.time.Instant;

/**
 * A family was revoked: none of its tokens will be rotated again.
 *
 * @param familyId the family
 * @param user     its user
 * @param reason   why
 * @param at       when
 */
public record RefreshFamilyRevoked(String familyId, String user, RevocationReason reason, Instant at)
        implements RefreshSecurityEvent {
}
