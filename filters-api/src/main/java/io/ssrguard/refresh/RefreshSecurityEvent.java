package io.ssrguard.refresh;

import java.time.Instant;

/**
 * A security-relevant event of refresh-token handling. Where CDI is present the
 * pack fires each as a CDI event, so that an application can observe one type
 * ({@code @Observes RefreshTokenReuseDetected e}) or all of them
 * ({@code @Observes RefreshSecurityEvent e}). Events never carry a token; a
 * token is named at most by a short prefix of its hash.
 */
public sealed interface RefreshSecurityEvent
        permits RefreshFamilyStarted, RefreshTokenRotated, RefreshTokenReuseDetected, RefreshFamilyRevoked {

    /** The family concerned (the {@code sid} of its access tokens). */
    String familyId();

    /** The user the family belongs to. */
    String user();

    /** When it happened. */
    Instant at();
}
