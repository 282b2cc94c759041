package io.ssrguard.oidc;

import io.ssrguard.http.LogSafe;
import io.ssrguard.refresh.FamilyRef;
import io.ssrguard.refresh.RefreshStoreUnavailableException;
import io.ssrguard.refresh.RevocationReason;
import io.ssrguard.refresh.StoredRefreshFamilies;
import java.util.List;
import java.util.logging.Logger;

/**
 * OpenID Connect Back-Channel Logout 1.0, free of the Servlet API: a logout token
 * from the provider in, the refresh families started from the provider session
 * it names ended. The families end through {@link StoredRefreshFamilies}, the
 * path every revocation takes (logged, published, and seen by every node).
 *
 * <p>Order matters for "loses no revocation": the token is checked, its
 * {@code jti} reserved, the ended provider session remembered (before the look-up, so
 * that a sign-in from it recording its family at this moment is either found or
 * refused: {@link ProviderSessions#ended}), the families revoked; if the store fails part-way, the
 * reservation is released and the answer is 503, so that the provider's retry of
 * the same token is accepted and ends the rest (revoking twice is harmless).
 */
public final class BackChannelLogout {

    /** What a valid logout token ended. */
    public record Ended(int matched, int revoked) {
    }

    private static final Logger LOG = Logger.getLogger(BackChannelLogout.class.getName());

    private final ProviderSource discovery;
    private final LogoutTokenCheck check;
    private final SeenLogoutTokens seen;
    private final ProviderSessions sessions;
    private final StoredRefreshFamilies families;

    public BackChannelLogout(ProviderSource discovery, LogoutTokenCheck check, SeenLogoutTokens seen,
                             ProviderSessions sessions, StoredRefreshFamilies families) {
        this.discovery = discovery;
        this.check = check;
        this.seen = seen;
        this.sessions = sessions;
        this.families = families;
    }

    /**
     * Validates a logout token and ends the families of the provider session it names.
     *
     * @throws OidcRefusal 400 {@code invalid_request} for a token that fails a check or is replayed
     *                     (nothing ended); 503 {@code unavailable} while the provider's keys have not
     *                     loaded, the replay memory is full, or the store fails (the provider retries)
     */
    public Ended logOut(String logoutToken) throws OidcRefusal {
        DiscoveredProvider provider = discovery.current().orElseThrow(() -> new OidcRefusal(503, "unavailable",
                "the provider's keys have not loaded yet"));
        LogoutTokenCheck.LogoutToken token = check.validate(logoutToken, provider,
                () -> discovery.reloadKeys().orElse(provider));
        switch (seen.reserve(token.jti(), token.acceptableUntil())) {
            case REPLAYED:
                throw new OidcRefusal(400, "invalid_request", "logout token replayed (jti "
                        + LogSafe.printable(token.jti(), 40) + ")");
            case FULL:
                throw new OidcRefusal(503, "unavailable", "too many logout tokens within their lifetime");
            case RESERVED:
            default:
                break;
        }
        String sid = token.sid().orElse(null);
        String sub = token.sub().orElse(null);
        List<String> ids;
        int revoked = 0;
        try {
            // First: a sign-in of this session still in flight then finds it ended (OidcSignIn).
            sessions.ended(new EndedProviderSession(sid, sub, token.issuedAt(), token.acceptableUntil()));
            ids = sessions.families(sid, sub);
            for (String id : ids) {
                if (families.revoke(id, RevocationReason.PROVIDER_LOGOUT).isPresent()) {
                    revoked++;
                }
            }
        } catch (RefreshStoreUnavailableException e) {
            seen.release(token.jti());
            throw new OidcRefusal(503, "unavailable", "store unavailable while ending sessions: " + e.getMessage(), e);
        }
        forget(ids);
        return new Ended(ids.size(), revoked);
    }

    /** The ended families' provider sessions (their ID tokens) are of no further use; purge catches failures. */
    private void forget(List<String> ids) {
        for (String id : ids) {
            try {
                sessions.forget(id);
            } catch (RefreshStoreUnavailableException e) {
                LOG.warning(() -> "SSR Guard OIDC: could not forget the provider session of family "
                        + FamilyRef.of(id) + " (the purge will): " + e.getMessage());
                return;
            }
        }
    }
}
