package io.ssrguard.oidc;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ProviderSessions} in this JVM, beside the memory refresh store (one node).
 * It holds one entry per family started through the provider, so the refresh
 * store's own limits bound it; the scan on back-channel logout is as cheap as the
 * endpoint's rate limit lets it be called.
 */
public final class InMemoryProviderSessions implements ProviderSessions {

    private final Map<String, ProviderSession> sessions = new ConcurrentHashMap<>();

    @Override
    public void record(ProviderSession session) {
        sessions.put(session.familyId(), session);
    }

    @Override
    public List<String> families(String sid, String sub) {
        if (sid == null && sub == null) {
            return List.of();
        }
        return sessions.values().stream().filter(s -> s.matches(sid, sub)).map(ProviderSession::familyId).toList();
    }

    @Override
    public Optional<String> idToken(String familyId) {
        return Optional.ofNullable(sessions.get(familyId)).map(ProviderSession::idToken);
    }

    @Override
    public void forget(String familyId) {
        sessions.remove(familyId);
    }

    @Override
    public int purge(Instant now) {
        int before = sessions.size();
        sessions.values().removeIf(s -> !now.isBefore(s.expiresAt()));
        return before - sessions.size();
    }
}
