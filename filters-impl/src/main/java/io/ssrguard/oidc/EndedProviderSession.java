package io.ssrguard.oidc;

import java.time.Instant;
import java.util.Objects;

/**
 * A provider session that a valid logout token ended, remembered for the token's
 * lifetime so that a sign-in from that session which was still in flight (code
 * exchanged, ID token issued, family not yet recorded) when the token arrived is
 * refused instead of leaving a live family that back-channel logout never saw.
 *
 * @param sid       the logout token's {@code sid}, or {@code null}
 * @param sub       the logout token's {@code sub}, or {@code null} (at least one of the two is given)
 * @param endedAt   the logout token's {@code iat}: ID tokens issued at or before it are of the ended session
 * @param expiresAt when it may be purged: no sign-in is in flight that long (an ID token that old
 *                  was of an ended session all the same; keeping it longer would only cost room)
 */
public record EndedProviderSession(String sid, String sub, Instant endedAt, Instant expiresAt) {

    public EndedProviderSession {
        if (sid == null && sub == null) {
            throw new IllegalArgumentException("a logout token names a sid or a sub");
        }
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * Whether a sign-in whose ID token was issued at {@code idTokenIssuedAt} and started {@code session}
     * came from what this logout ended: the same match as back-channel logout uses for recorded
     * sessions, and an ID token not younger than the logout (a later sign-in of the same subject is
     * a new provider session and lives).
     */
    boolean ends(ProviderSession session, Instant idTokenIssuedAt) {
        return !idTokenIssuedAt.isAfter(endedAt) && session.matches(sid, sub);
    }
}
