package io.ssrguard.refresh;

import static io.ssrguard.config.SsrGuardProperties.REFRESH_MEMORY_MAX_FAMILIES;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * A {@link RefreshTokenStore} in this JVM's memory: the default for one node and
 * for development. Everything is lost on restart (users sign in again), and
 * nodes behind a load balancer would not see each other's tokens: use the JDBC
 * store for a cluster.
 *
 * <p>Bounded ({@link MemoryStoreLimits}): a user's sign-in beyond the per-user
 * bound ends that user's oldest family (its refresh token stops working; its
 * access token runs out within its short lifetime); a sign-in beyond the total
 * bound, once expired families are purged, is refused as "store unavailable"
 * (503) rather than signing out anyone else.
 *
 * <p>One lock guards all maps. Every operation is a few map look-ups, so
 * contention costs microseconds, and a single lock makes {@link #rotate} and
 * revocation trivially atomic with respect to each other.
 */
public final class InMemoryRefreshTokenStore implements RefreshTokenStore {

    private static final Logger LOG = Logger.getLogger(InMemoryRefreshTokenStore.class.getName());

    private final Object lock = new Object();
    private final MemoryStoreLimits limits;
    private final Map<String, RefreshFamily> families = new HashMap<>();
    private final Map<String, RefreshTokenEntry> tokens = new HashMap<>();
    /** Per family, the expiry of its newest token: the family is idle-dead once that passes. */
    private final Map<String, Instant> liveUntil = new HashMap<>();
    /** Per user, the ids of their families in the order they were created. */
    private final Map<String, Set<String>> familiesOfUser = new HashMap<>();
    /**
     * The log of ended families ({@link #endedSince}), kept apart from {@link #families}, which
     * {@link #purge} empties long before the families' last access tokens expire. Insertion order is
     * time order; bounded like the families, the oldest entry going first (the node's poller has read it
     * long before, and the pack's own revocations reach this node's ended set without the log).
     */
    private final Map<String, Instant> ended = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > limits.maxFamilies();
        }
    };

    /** A store with the default limits. */
    public InMemoryRefreshTokenStore() {
        this(MemoryStoreLimits.DEFAULTS);
    }

    public InMemoryRefreshTokenStore(MemoryStoreLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public void create(RefreshFamily family, RefreshTokenEntry first) {
        if (!first.familyId().equals(family.id())) {
            throw new IllegalArgumentException("the first token must belong to the new family");
        }
        synchronized (lock) {
            if (families.containsKey(family.id()) || tokens.containsKey(first.hash())) {
                throw new IllegalStateException("family or token already stored");
            }
            Set<String> ofUser = familiesOfUser.getOrDefault(family.user(), Set.of());
            while (ofUser.size() >= limits.maxFamiliesPerUser()) {
                String oldest = ofUser.iterator().next();
                LOG.info(() -> "refresh family " + FamilyRef.of(oldest) + " of " + family.user()
                        + " ended: the user has " + limits.maxFamiliesPerUser() + " families, the in-memory bound");
                remove(oldest);
            }
            if (families.size() >= limits.maxFamilies()) {
                purge(first.issuedAt());
            }
            if (families.size() >= limits.maxFamilies()) {
                throw new RefreshStoreUnavailableException("the in-memory refresh-token store holds "
                        + families.size() + " families, its bound (" + REFRESH_MEMORY_MAX_FAMILIES
                        + "); use the jdbc store or raise the bound", null);
            }
            families.put(family.id(), family);
            familiesOfUser.computeIfAbsent(family.user(), u -> new LinkedHashSet<>()).add(family.id());
            tokens.put(first.hash(), first);
            liveUntil.put(family.id(), first.expiresAt());
        }
    }

    /** Forgets a family and its tokens; a token presented later is unknown (401). Holding the lock. */
    private void remove(String familyId) {
        RefreshFamily family = families.remove(familyId);
        liveUntil.remove(familyId);
        tokens.values().removeIf(t -> t.familyId().equals(familyId));
        if (family != null) {
            forgetOfUser(family);
        }
    }

    private void forgetOfUser(RefreshFamily family) {
        Set<String> ofUser = familiesOfUser.get(family.user());
        if (ofUser != null) {
            ofUser.remove(family.id());
            if (ofUser.isEmpty()) {
                familiesOfUser.remove(family.user());
            }
        }
    }

    @Override
    public Optional<StoredRefreshToken> find(String tokenHash) {
        synchronized (lock) {
            RefreshTokenEntry token = tokens.get(tokenHash);
            if (token == null) {
                return Optional.empty();
            }
            return Optional.of(new StoredRefreshToken(token, families.get(token.familyId())));
        }
    }

    @Override
    public boolean rotate(String presentedHash, RefreshTokenEntry successor) {
        synchronized (lock) {
            RefreshTokenEntry presented = tokens.get(presentedHash);
            RefreshFamily family = families.get(successor.familyId());
            if (presented == null || presented.used() || family == null || family.revoked()
                    || !presented.familyId().equals(family.id()) || tokens.containsKey(successor.hash())) {
                return false;
            }
            tokens.put(presentedHash, presented.usedAt(successor.issuedAt(), successor.hash()));
            tokens.put(successor.hash(), successor);
            families.put(family.id(), family.withLastUsedAt(successor.issuedAt()));
            liveUntil.merge(family.id(), successor.expiresAt(), (a, b) -> a.isAfter(b) ? a : b);
            return true;
        }
    }

    @Override
    public Optional<RefreshFamily> revokeFamily(String familyId, Instant at) {
        synchronized (lock) {
            RefreshFamily family = families.get(familyId);
            if (family == null || family.revoked()) {
                return Optional.empty();
            }
            RefreshFamily revoked = family.withRevokedAt(at);
            families.put(familyId, revoked);
            ended.put(familyId, at);
            return Optional.of(revoked);
        }
    }

    @Override
    public List<RefreshFamily> revokeUser(String user, Instant at) {
        synchronized (lock) {
            List<RefreshFamily> revoked = new ArrayList<>();
            for (RefreshFamily family : families.values()) {
                if (family.user().equals(user) && !family.revoked()) {
                    revoked.add(family.withRevokedAt(at));
                }
            }
            revoked.forEach(f -> {
                families.put(f.id(), f);
                ended.put(f.id(), at);
            });
            revoked.sort(Comparator.comparing(RefreshFamily::createdAt));
            return revoked;
        }
    }

    @Override
    public List<RefreshFamily> activeFamilies(String user, Instant now) {
        synchronized (lock) {
            List<RefreshFamily> active = new ArrayList<>();
            for (RefreshFamily family : families.values()) {
                if (family.user().equals(user) && family.liveAt(now) && hasLiveToken(family.id(), now)) {
                    active.add(family);
                }
            }
            active.sort(Comparator.comparing(RefreshFamily::createdAt));
            return active;
        }
    }

    @Override
    public int purge(Instant now) {
        synchronized (lock) {
            int removed = 0;
            // Expired tokens first, so that a family left without a live token is purged with them.
            for (Iterator<RefreshTokenEntry> it = tokens.values().iterator(); it.hasNext(); ) {
                RefreshTokenEntry token = it.next();
                RefreshFamily family = families.get(token.familyId());
                if (!now.isBefore(token.expiresAt()) || family == null || !family.liveAt(now)) {
                    it.remove();
                    removed++;
                }
            }
            for (Iterator<RefreshFamily> it = families.values().iterator(); it.hasNext(); ) {
                RefreshFamily family = it.next();
                if (!family.liveAt(now) || !hasLiveToken(family.id(), now)) {
                    it.remove();
                    liveUntil.remove(family.id());
                    forgetOfUser(family);
                    removed++;
                }
            }
            return removed;
        }
    }

    @Override
    public List<EndedFamily> endedSince(Instant since) {
        synchronized (lock) {
            List<EndedFamily> result = new ArrayList<>();
            ended.forEach((id, at) -> {
                if (!at.isBefore(since)) {
                    result.add(new EndedFamily(id, at));
                }
            });
            return result;
        }
    }

    @Override
    public int forgetEndedBefore(Instant before) {
        synchronized (lock) {
            int size = ended.size();
            ended.values().removeIf(at -> at.isBefore(before));
            return size - ended.size();
        }
    }

    /** How many tokens a family holds, used or not; for tests. */
    int tokenCount(String familyId) {
        synchronized (lock) {
            return (int) tokens.values().stream().filter(t -> t.familyId().equals(familyId)).count();
        }
    }

    private boolean hasLiveToken(String familyId, Instant now) {
        Instant until = liveUntil.get(familyId);
        return until != null && now.isBefore(until);
    }
}
