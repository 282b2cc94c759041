package io.ssrguard.oidc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps, per refresh family started through the provider, the provider session it
 * came from ({@link ProviderSession}): in memory with the memory refresh store, in a
 * table of its own beside the JDBC refresh store's tables otherwise, so that every
 * node finds what another recorded. Every method throws
 * {@link io.ssrguard.refresh.RefreshStoreUnavailableException} when the storage fails.
 */
public interface ProviderSessions {

    /** Records the provider session of a new family. */
    void record(ProviderSession session);

    /**
     * The families started from the provider session a logout token names: those with
     * this {@code sid} (when given) and this {@code sub} (when given); at least one is given.
     */
    List<String> families(String sid, String sub);

    /** The ID token kept with a family, for {@code id_token_hint}. */
    Optional<String> idToken(String familyId);

    /** Forgets a family's provider session (it ended). */
    void forget(String familyId);

    /**
     * Remembers, until its expiry, that a logout token ended a provider session, whether or not a
     * family of it was recorded yet: called before the families are looked up, so that a sign-in
     * recording its family concurrently either is found by that look-up or sees this.
     */
    void ended(EndedProviderSession ended);

    /**
     * Whether a logout token already ended the provider session of a sign-in that has just
     * recorded {@code session} with an ID token issued at {@code idTokenIssuedAt}
     * ({@link EndedProviderSession#ends}). Called after {@link #record}.
     */
    boolean endedBefore(ProviderSession session, Instant idTokenIssuedAt);

    /** Deletes the rows past their expiry (sessions and ended sessions); returns how many. */
    int purge(Instant now);
}
