package io.ssrguard.refresh;

import io.ssrguard.auth.Caller;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One sign-in on one device: the chain of refresh tokens that descends from it.
 * Its id travels as {@code sid} in the access token.
 *
 * @param id         the family id, random and opaque
 * @param user       the caller principal name the family was issued to
 * @param groups     the caller's groups at sign-in, so that a refresh can issue an access token
 *                   without asking the identity store again
 * @param device     a short, human-readable label of the device (usually from the User-Agent)
 * @param rememberMe whether the sign-in asked to be remembered (persistent cookie, longer lifetime)
 * @param createdAt  when the family was started
 * @param lastUsedAt when its newest token was issued (the last sign-in or rotation)
 * @param expiresAt  the absolute end of the family, whatever its use
 * @param revokedAt  when it was revoked, or {@code null} while it is not
 */
public record RefreshFamily(
        String id,
        String user,
        Set<String> groups,
        String device,
        boolean rememberMe,
        Instant createdAt,
        Instant lastUsedAt,
        Instant expiresAt,
        Instant revokedAt) {

    public RefreshFamily {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (user.isBlank()) {
            throw new IllegalArgumentException("user must not be blank");
        }
        groups = groups == null ? Set.of() : Set.copyOf(groups);
        for (String group : groups) {
            // Stores keep the groups as one newline-separated column.
            if (group.isEmpty() || group.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("group names must be non-empty and single-line");
            }
        }
        device = device == null ? "" : device;
    }

    /** Whether the family was revoked (sign-out, reuse detected, or by the application). */
    public boolean revoked() {
        return revokedAt != null;
    }

    /** Whether the family is neither revoked nor past its absolute expiry at {@code now}. */
    public boolean liveAt(Instant now) {
        return !revoked() && now.isBefore(expiresAt);
    }

    /** The caller to issue access tokens for. */
    public Caller caller() {
        return new Caller(user, groups);
    }

    /** The same family with a different last use. */
    public RefreshFamily withLastUsedAt(Instant at) {
        return new RefreshFamily(id, user, groups, device, rememberMe, createdAt, at, expiresAt, revokedAt);
    }

    /** The same family, revoked at {@code at}. */
    public RefreshFamily withRevokedAt(Instant at) {
        return new RefreshFamily(id, user, groups, device, rememberMe, createdAt, lastUsedAt, expiresAt, at);
    }
}
