package io.ssrguard.refresh;

import java.time.Instant;
import java.util.Objects;

/**
 * What a store keeps of one refresh token: never the token, only its hash.
 *
 * @param hash          lower-case hex SHA-256 of the token
 * @param familyId      the family the token belongs to
 * @param issuedAt      when the token was issued
 * @param expiresAt     when it stops being accepted if unused (idle timeout, capped by the family's expiry)
 * @param usedAt        when it was rotated, or {@code null} while unused
 * @param successorHash the hash of its one successor, or {@code null} while unused
 */
public record RefreshTokenEntry(
        String hash,
        String familyId,
        Instant issuedAt,
        Instant expiresAt,
        Instant usedAt,
        String successorHash) {

    public RefreshTokenEntry {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(familyId, "familyId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if ((usedAt == null) != (successorHash == null)) {
            throw new IllegalArgumentException("usedAt and successorHash are set together or not at all");
        }
    }

    /** A new, unused token. */
    public static RefreshTokenEntry unused(String hash, String familyId, Instant issuedAt, Instant expiresAt) {
        return new RefreshTokenEntry(hash, familyId, issuedAt, expiresAt, null, null);
    }

    /** Whether the token has been rotated (it has a successor). */
    public boolean used() {
        return usedAt != null;
    }

    /** The same token, rotated at {@code at} into {@code successor}. */
    public RefreshTokenEntry usedAt(Instant at, String successor) {
        return new RefreshTokenEntry(hash, familyId, issuedAt, expiresAt, at, successor);
    }
}
