package io.ssrguard.refresh;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * {@link RefreshFamilies} over a {@link RefreshTokenStore}: lists and revokes
 * families, and publishes a {@link RefreshFamilyRevoked} for each family it
 * revokes. The pack's own sign-out and reuse detection revoke through here too,
 * so that every revocation is logged and observable the same way.
 */
public final class StoredRefreshFamilies implements RefreshFamilies {

    private final RefreshTokenStore store;
    private final RefreshEventPublisher events;
    private final Clock clock;

    public StoredRefreshFamilies(RefreshTokenStore store, RefreshEventPublisher events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public List<RefreshFamily> active(String user) {
        return store.activeFamilies(user, now());
    }

    @Override
    public boolean revoke(String familyId) {
        return revoke(familyId, RevocationReason.REVOKED_BY_APPLICATION).isPresent();
    }

    @Override
    public int revokeAll(String user) {
        return revokeAll(user, RevocationReason.REVOKED_BY_APPLICATION).size();
    }

    /** Revokes one family for {@code reason}; empty when it was unknown or already revoked. */
    public Optional<RefreshFamily> revoke(String familyId, RevocationReason reason) {
        Instant now = now();
        Optional<RefreshFamily> revoked = store.revokeFamily(familyId, now);
        revoked.ifPresent(f -> events.publish(new RefreshFamilyRevoked(f.id(), f.user(), reason, now)));
        return revoked;
    }

    /** Revokes every family of {@code user} for {@code reason}; returns those this call revoked. */
    public List<RefreshFamily> revokeAll(String user, RevocationReason reason) {
        Instant now = now();
        List<RefreshFamily> revoked = store.revokeUser(user, now);
        revoked.forEach(f -> events.publish(new RefreshFamilyRevoked(f.id(), f.user(), reason, now)));
        return revoked;
    }

    private Instant now() {
        // Stores keep milliseconds; truncating here keeps every store's answers equal.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
