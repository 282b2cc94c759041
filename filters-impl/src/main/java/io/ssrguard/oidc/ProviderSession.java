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

    /** Whether this session is the one a logout token names: its sid and its sub, each when given. */
    boolean matches(String logoutSid, String logoutSub) {
        return (logoutSid == null || logoutSid.equals(sid)) && (logoutSub == null || logoutSub.equals(sub));
    }
}
