package io.ssrguard.refresh;

/**
 * What presenting a refresh token amounted to. The HTTP layer maps each case in
 * one place: {@link Rotated} sets new cookies, {@link Reused} and {@link Invalid}
 * answer 401 and clear the cookies, {@link StoreUnavailable} answers 503 and
 * leaves the cookies alone.
 */
public sealed interface RotationResult {

    /**
     * The token was exchanged for its successor.
     *
     * @param issued   the successor, its family and expiry
     * @param replayed {@code true} when the presented token had already been rotated within the grace
     *                 window and this is the successor the first presentation got (or its newest descendant)
     */
    record Rotated(IssuedRefreshToken issued, boolean replayed) implements RotationResult {
    }

    /**
     * A used token was presented after the grace window; its whole family is now revoked.
     *
     * @param familyId the revoked family
     * @param user     its user
     */
    record Reused(String familyId, String user) implements RotationResult {
    }

    /**
     * The token cannot be rotated; {@code reason} is for the log only, never for the client.
     *
     * @param reason why
     */
    record Invalid(InvalidReason reason) implements RotationResult {
    }

    /**
     * The store failed; the token may be fine. {@code detail} is for the log only.
     *
     * @param detail what failed, without any token
     */
    record StoreUnavailable(String detail) implements RotationResult {
    }

    /** Why a presented token is refused. */
    enum InvalidReason {
        /** Missing, wrong length or wrong alphabet: never looked up. */
        MALFORMED,
        /** No such token (never issued, or purged). */
        UNKNOWN,
        /** The token's idle timeout or its family's absolute lifetime has passed. */
        EXPIRED,
        /** Its family was revoked (sign-out, reuse, or by the application). */
        REVOKED,
        /**
         * The stored successor is not the one this node derives: the nodes do not share
         * {@code ssrguard.refresh.secret}, or the rotation chain is too long to follow.
         */
        SUCCESSOR_MISMATCH
    }
}
