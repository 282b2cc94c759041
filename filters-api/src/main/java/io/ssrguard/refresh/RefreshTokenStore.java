package io.ssrguard.refresh;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps refresh-token families and the hashes of their tokens. The pack ships an
 * in-memory store (one node) and a JDBC store (a cluster on a shared database),
 * chosen by {@code ssrguard.refresh.store}; implement this interface for anything else.
 *
 * <p>To use your own store, register the class in
 * {@code META-INF/services/io.ssrguard.refresh.RefreshTokenStore} of the WAR (in
 * {@code WEB-INF/classes} or a jar in {@code WEB-INF/lib}; one line, the class name;
 * a public no-argument constructor). The pack finds it with {@link java.util.ServiceLoader}
 * through the application's class loader at start, names it in the start-up log and
 * uses it instead of the built-in stores: {@code ssrguard.refresh.store} and
 * {@code ssrguard.refresh.datasource} are then ignored, with a warning when set.
 * More than one registered store stops the deployment. A store shared by several
 * nodes needs the same {@code ssrguard.refresh.secret} on each.
 *
 * <p>The pack's rotation logic is built on one guarantee: {@link #rotate} is
 * atomic, so that a token gets at most one successor however many nodes and
 * threads present it at once. Everything else may be plain reads and writes.
 *
 * <p>Implementations must be thread-safe and never see a plaintext token. Every
 * method throws {@link RefreshStoreUnavailableException} when the underlying
 * storage fails.
 *
 * <p><b>Revocation across nodes.</b> Access tokens are checked without the store;
 * to refuse the unexpired access tokens of a revoked family on every node, a store
 * shared by several nodes keeps a log of ended families: {@link #revokeFamily} and
 * {@link #revokeUser} record each family they revoke, in the same transaction,
 * {@link #endedSince} reads the log (every node polls it) and {@link #forgetEndedBefore}
 * trims it. These three have defaults (no log) so that a store written before them
 * still compiles and works; such a store ends access tokens early only on the node
 * that revoked the family, and on the others when they expire.
 */
public interface RefreshTokenStore {

    /** Saves a new family together with its first token (a sign-in). */
    void create(RefreshFamily family, RefreshTokenEntry first);

    /** The token with this hash and its family, if stored. */
    Optional<StoredRefreshToken> find(String tokenHash);

    /**
     * Atomically records {@code successor} as the one successor of the token
     * {@code presentedHash}, which the caller has just found in
     * {@code successor.familyId()}: afterwards that token is used at
     * {@code successor.issuedAt()}.
     *
     * @return {@code true} if this call rotated the token; {@code false} if it
     *         already had a successor (a concurrent rotation won) or its family
     *         has been revoked meanwhile. The caller looks the token up again.
     */
    boolean rotate(String presentedHash, RefreshTokenEntry successor);

    /**
     * Revokes one family.
     *
     * @return the family as revoked, or empty when it was unknown or already revoked
     */
    Optional<RefreshFamily> revokeFamily(String familyId, Instant at);

    /**
     * Revokes every family of a user that is not revoked yet.
     *
     * @return the families this call revoked
     */
    List<RefreshFamily> revokeUser(String user, Instant at);

    /**
     * The user's families that can still be refreshed at {@code now}: not
     * revoked, not past their absolute expiry, and holding an unexpired token.
     * Oldest first.
     */
    List<RefreshFamily> activeFamilies(String user, Instant now);

    /**
     * Deletes what can never be accepted again: expired tokens, and revoked,
     * expired or idle-timed-out families with their tokens.
     *
     * @return the number of families and tokens deleted
     */
    int purge(Instant now);

    /**
     * The log of ended families: every family revoked at or after {@code since}
     * (by the {@code at} given to {@link #revokeFamily} or {@link #revokeUser}),
     * in any order. Each node calls this once per poll interval, so it must be one
     * indexed read. A family appears at most once; an entry stays at least until
     * {@link #forgetEndedBefore} removes it, whatever {@link #purge} deletes.
     *
     * <p>The default keeps no log and returns nothing: revocation then reaches
     * other nodes' access tokens only when they expire.
     *
     * @since 0.1.0
     */
    default List<EndedFamily> endedSince(Instant since) {
        return List.of();
    }

    /**
     * Trims the log of ended families: deletes the entries that ended before
     * {@code before}, whose access tokens have all expired by then.
     *
     * @return the number of entries deleted
     * @since 0.1.0
     */
    default int forgetEndedBefore(Instant before) {
        return 0;
    }
}
