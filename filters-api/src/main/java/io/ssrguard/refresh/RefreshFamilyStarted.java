package io.ssrguard.refresh;

import java.time.Instant;

/**
 * A sign-in started a new family and issued its first refresh token.
 *
 * @param familyId   the new family
 * @param user       who signed in
 * @param device     the device label
 * @param rememberMe whether the sign-in is remembered
 * @param at         when
 */
public record RefreshFamilyStarted(String familyId, String user, String device, boolean rememberMe, Instant at)
        implements RefreshSecurityEvent {
}
