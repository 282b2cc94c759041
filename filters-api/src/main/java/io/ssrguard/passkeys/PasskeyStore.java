package io.ssrguard.passkeys;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps registered passkeys. The pack ships an in-memory store (one node, lost on restart) and a
 * JDBC store (a cluster on a shared database); implement this interface for anything else.
 *
 * <p>Passkeys hold public keys only, nothing secret. Implementations must be thread-safe; every
 * method throws {@link io.ssrguard.refresh.RefreshStoreUnavailableException} when the storage fails,
 * which the endpoints answer with 503.
 */
public interface PasskeyStore {

    /**
     * Saves a newly registered passkey.
     *
     * @return false when a passkey with this credential id is already stored (for any user): nothing changed
     */
    boolean add(Passkey passkey);

    /** The passkey with this credential id, whoever it belongs to. */
    Optional<Passkey> find(String credentialId);

    /** The user's passkeys, oldest first. */
    List<Passkey> forUser(String username);

    /**
     * Records a sign-in: sets the counter and the time of last use, but only while the stored
     * counter is still {@code expectedCount} (two sign-ins at once must not both move it on).
     *
     * @return false when the passkey is gone or its counter has moved meanwhile
     */
    boolean recordUse(String credentialId, long expectedCount, long newCount, Instant at);

    /**
     * Removes one of the user's passkeys.
     *
     * @return false when the user has no passkey with this id (another user's is left alone)
     */
    boolean remove(String username, String credentialId);
}
