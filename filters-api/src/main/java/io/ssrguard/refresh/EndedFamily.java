package io.ssrguard.refresh;

import java.time.Instant;
import java.util.Objects;

/**
 * An entry of a store's log of ended families ({@link RefreshTokenStore#endedSince}):
 * the family and when it was revoked. Every node reads this log to refuse the
 * family's access tokens that are still unexpired.
 *
 * @param familyId the family, which is the {@code sid} of its access tokens
 * @param endedAt  when it was revoked, by the clock of the node that revoked it
 */
public record EndedFamily(String familyId, Instant endedAt) {

    public EndedFamily {
        Objects.requireNonNull(familyId, "familyId");
        Objects.requireNonNull(endedAt, "endedAt");
    }
}
