package io.ssrguard.refresh;

import java.time.Instant;

/**
 * A refresh token was exchanged for its successor.
 *
 * @param familyId the family
 * @param user     its user
 * @param replayed {@code true} when an already-used token was presented again inside the
 *                 grace window and was answered with the existing successor (two tabs, or
 *                 an SSR server and the browser, refreshing at once)
 * @param at       when
 */
public record RefreshTokenRotated(String familyId, String user, boolean replayed, Instant at)
        implements RefreshSecurityEvent {
}
