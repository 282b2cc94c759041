package io.ssrguard.passkeys;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Passkeys in this node's memory: for one node and for trying the feature out. They are lost on
 * restart, so users would have to register again; a cluster needs the JDBC store.
 */
public final class InMemoryPasskeyStore implements PasskeyStore {

    private final ConcurrentMap<String, Passkey> byId = new ConcurrentHashMap<>();

    @Override
    public boolean add(Passkey passkey) {
        return byId.putIfAbsent(passkey.credentialId(), passkey) == null;
    }

    @Override
    public Optional<Passkey> find(String credentialId) {
        return Optional.ofNullable(byId.get(credentialId));
    }

    @Override
    public List<Passkey> forUser(String username) {
        return byId.values().stream().filter(p -> p.username().equals(username))
                .sorted(Comparator.comparing(Passkey::createdAt).thenComparing(Passkey::credentialId)).toList();
    }

    @Override
    public boolean recordUse(String credentialId, long expectedCount, long newCount, Instant at) {
        boolean[] done = {false};
        byId.computeIfPresent(credentialId, (id, p) -> {
            if (p.signatureCount() != expectedCount) {
                return p;
            }
            done[0] = true;
            return p.used(newCount, at);
        });
        return done[0];
    }

    @Override
    public boolean remove(String username, String credentialId) {
        Passkey p = byId.get(credentialId);
        return p != null && p.username().equals(username) && byId.remove(credentialId, p);
    }
}
