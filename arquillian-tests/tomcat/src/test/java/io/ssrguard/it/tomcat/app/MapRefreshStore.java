package io.ssrguard.it.tomcat.app;

import io.ssrguard.refresh.RefreshFamily;
import io.ssrguard.refresh.RefreshTokenEntry;
import io.ssrguard.refresh.RefreshTokenStore;
import io.ssrguard.refresh.StoredRefreshToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an application's own refresh-token store looks like to the pack: written against
 * filters-api only, deployed inside the test WAR and registered in {@code META-INF/services}.
 * It keeps everything in maps under one lock (so {@link #rotate} is atomic) and counts its
 * calls in {@link Calls}, which {@link ExtensionCallsServlet} shows to the test.
 */
public class MapRefreshStore implements RefreshTokenStore {

    private final Map<String, RefreshFamily> families = new HashMap<>();
    private final Map<String, RefreshTokenEntry> tokens = new HashMap<>();

    @Override
    public synchronized void create(RefreshFamily family, RefreshTokenEntry first) {
        Calls.count("store.create");
        families.put(family.id(), family);
        tokens.put(first.hash(), first);
    }

    @Override
    public synchronized Optional<StoredRefreshToken> find(String tokenHash) {
        Calls.count("store.find");
        RefreshTokenEntry token = tokens.get(tokenHash);
        return token == null ? Optional.empty()
                : Optional.of(new StoredRefreshToken(token, families.get(token.familyId())));
    }

    @Override
    public synchronized boolean rotate(String presentedHash, RefreshTokenEntry successor) {
        Calls.count("store.rotate");
        RefreshTokenEntry presented = tokens.get(presentedHash);
        RefreshFamily family = families.get(successor.familyId());
        if (presented == null || presented.used() || family == null || family.revoked()) {
            return false;
        }
        tokens.put(presentedHash, presented.usedAt(successor.issuedAt(), successor.hash()));
        tokens.put(successor.hash(), successor);
        families.put(family.id(), family.withLastUsedAt(successor.issuedAt()));
        return true;
    }

    @Override
    public synchronized Optional<RefreshFamily> revokeFamily(String familyId, Instant at) {
        Calls.count("store.revokeFamily");
        RefreshFamily family = families.get(familyId);
        if (family == null || family.revoked()) {
            return Optional.empty();
        }
        RefreshFamily revoked = family.withRevokedAt(at);
        families.put(familyId, revoked);
        return Optional.of(revoked);
    }

    @Override
    public synchronized List<RefreshFamily> revokeUser(String user, Instant at) {
        Calls.count("store.revokeUser");
        List<RefreshFamily> revoked = new ArrayList<>();
        for (RefreshFamily family : List.copyOf(families.values())) {
            if (family.user().equals(user) && !family.revoked()) {
                families.put(family.id(), family.withRevokedAt(at));
                revoked.add(family.withRevokedAt(at));
            }
        }
        return revoked;
    }

    @Override
    public synchronized List<RefreshFamily> activeFamilies(String user, Instant now) {
        Calls.count("store.activeFamilies");
        return families.values().stream()
                .filter(f -> f.user().equals(user) && f.liveAt(now))
                .filter(f -> tokens.values().stream().anyMatch(t -> t.familyId().equals(f.id()) && now.isBefore(t.expiresAt())))
                .sorted(Comparator.comparing(RefreshFamily::createdAt)).toList();
    }

    @Override
    public synchronized int purge(Instant now) {
        Calls.count("store.purge");
        int before = tokens.size() + families.size();
        tokens.values().removeIf(t -> !now.isBefore(t.expiresAt()));
        families.values().removeIf(f -> !f.liveAt(now));
        tokens.values().removeIf(t -> !families.containsKey(t.familyId()));
        return before - tokens.size() - families.size();
    }
}
