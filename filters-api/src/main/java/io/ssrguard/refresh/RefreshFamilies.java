package io.ssrguard.refresh;

import java.util.List;

/**
 * What an application can do with its users' refresh-token families: show a
 * user's signed-in devices ("your sessions") and sign a user out everywhere,
 * for example after a password change or when an administrator locks an account.
 *
 * <p>Revocation takes effect at the next refresh: access tokens already issued
 * stay valid until they expire (minutes). Methods throw
 * {@link RefreshStoreUnavailableException} when the store cannot be reached.
 */
public interface RefreshFamilies {

    /**
     * The servlet-context attribute under which the pack publishes the
     * application's instance: {@code (RefreshFamilies) context.getAttribute(RefreshFamilies.ATTRIBUTE)}.
     * On Payara and WildFly it can also be injected: {@code @Inject RefreshFamilies families}.
     */
    String ATTRIBUTE = "io.ssrguard.refresh.families";

    /** The user's families that can still be refreshed, oldest first. */
    List<RefreshFamily> active(String user);

    /**
     * Revokes one family (signs one device out).
     *
     * @return {@code true} if it was active and is now revoked
     */
    boolean revoke(String familyId);

    /**
     * Revokes every family of the user (signs the user out everywhere).
     *
     * @return how many families were revoked
     */
    int revokeAll(String user);
}
