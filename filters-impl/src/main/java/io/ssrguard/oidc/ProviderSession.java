package io.ssrguard.oidc;

import java.time.Instant;
import java.util.Objects;

/**
 * What the pack keeps, on the server side, about the provider session a refresh
 * family was started from: the provider's {@code sid} and {@code sub} (to find the
 * family when the provider ends that session through back-channel logout) and
 * the ID token (the {@code id_token_hint} of RP-initiated logout). Never in a cookie.
 *
 * @param familyId  the refresh family started by the sign-in
 * @param sid       the ID token's {@code sid}, or {@code null} when the provider sent none
 * @param sub       the ID token's {@code sub}
 * @param idToken   the serialized ID token, or {@code null} when it was too long to keep
 * @param expiresAt when the row may be purged (no family outlives it)
 */
public record ProviderSession(String familyId, String sid, String sub, String idToken, Instant expiresAt) {

    public ProviderSession {
        Objects.requireNonNull(familyId, "familyId");
        Objects.requireNonNull(sub, "sub");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * Whether this session is one a logout token names. With a {@code sid}: the session of that
     * {@code sid} (and of that {@code sub}, when given); a session recorded without a {@code sid}
     * (the provider put none in its ID token) can only be matched by its {@code sub}, so it ends
     * with any of its subject's sessions rather than outlive them. Without a {@code sid}: every
     * session of that {@code sub}.
     */
    boolean matches(String logoutSid, String logoutSub) {
        boolean subMatches = logoutSub != null && logoutSub.equals(sub);
        if (logoutSid == null || sid == null) {
            return subMatches;
        }
        return logoutSid.equals(sid) && (logoutSub == null || subMatches);
    }
}
