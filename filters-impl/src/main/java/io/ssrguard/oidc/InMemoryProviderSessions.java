package io.ssrguard.oidc;

import io.ssrguard.refresh.FamilyRef;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Logger;

/**
 * {@link ProviderSessions} in this JVM, beside the memory refresh store (one node).
 * One entry per family started through the provider, at most {@code capacity}
 * (twice the memory store's family limit): entries of families signed out through
 * the OIDC sign-out or back-channel logout go at once, the others at their expiry;
 * when it is full of unexpired entries, the oldest sign-in's entry goes (with at most
 * half as many live families, that one has most likely ended). The scan on
 * back-channel logout is as cheap as the endpoint's rate limit lets it be called.
 */
public final class InMemoryProviderSessions implements ProviderSessions {

    private static final Logger LOG = Logger.getLogger(InMemoryProviderSessions.class.getName());

    private final Map<String, ProviderSession> sessions = new ConcurrentHashMap<>();
    /** Bounded by the back-channel endpoint's rate limit times a logout token's lifetime, and by {@code capacity}. */
    private final Queue<EndedProviderSession> ended = new ConcurrentLinkedQueue<>();
    private final int capacity;
    private final Clock clock;

    /** @param capacity entries held at most */
    public InMemoryProviderSessions(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public void record(ProviderSession session) {
        if (sessions.size() >= capacity) {
            makeRoom();
        }
        sessions.put(session.familyId(), session);
    }

    private synchronized void makeRoom() {
        purge(clock.instant());
        if (sessions.size() < capacity) {
            return;
        }
        sessions.values().stream().min(Comparator.comparing(ProviderSession::expiresAt)).ifPresent(oldest -> {
            sessions.remove(oldest.familyId());
            LOG.fine(() -> "OIDC provider sessions full (" + capacity + "): dropped the oldest, of family "
                    + FamilyRef.of(oldest.familyId()));
        });
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
    public void ended(EndedProviderSession session) {
        if (ended.size() >= capacity) {
            Instant now = clock.instant();
            ended.removeIf(e -> !now.isBefore(e.expiresAt()));
            if (ended.size() >= capacity) {
                // Never reached below the endpoint's rate limit; the oldest is the least likely to matter.
                ended.poll();
            }
        }
        ended.add(session);
    }

    @Override
    public boolean endedBefore(ProviderSession session, Instant idTokenIssuedAt) {
        return ended.stream().anyMatch(e -> e.ends(session, idTokenIssuedAt));
    }

    @Override
    public int purge(Instant now) {
        int before = sessions.size() + ended.size();
        sessions.values().removeIf(s -> !now.isBefore(s.expiresAt()));
        ended.removeIf(e -> !now.isBefore(e.expiresAt()));
        return before - sessions.size() - ended.size();
    }
}
