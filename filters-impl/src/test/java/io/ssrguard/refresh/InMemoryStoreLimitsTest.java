package io.ssrguard.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SsrGuardProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The in-memory store's bounds: a user's oldest family gives way, a full store refuses (503). */
class InMemoryStoreLimitsTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    final InMemoryRefreshTokenStore store = new InMemoryRefreshTokenStore(new MemoryStoreLimits(5, 2));
    int created;

    /** Starts a family of {@code user} at {@code at}, alive for {@code ttl}; returns its first token's hash. */
    String signIn(String user, Instant at, Duration ttl) {
        String id = "family-" + (++created);
        store.create(new RefreshFamily(id, user, Set.of(), "test", false, at, at, at.plus(ttl), null),
                RefreshTokenEntry.unused("hash-" + created, id, at, at.plus(ttl)));
        return "hash-" + created;
    }

    @Test
    void aUsersSignInBeyondTheirBoundEndsTheirOldestFamily() {
        String first = signIn("alice", NOW, Duration.ofDays(7));
        String second = signIn("alice", NOW.plusSeconds(1), Duration.ofDays(7));
        String bobs = signIn("bob", NOW.plusSeconds(2), Duration.ofDays(7));
        String third = signIn("alice", NOW.plusSeconds(3), Duration.ofDays(7));

        assertTrue(store.find(first).isEmpty(), "alice's oldest family ended");
        assertTrue(store.find(second).isPresent());
        assertTrue(store.find(third).isPresent());
        assertTrue(store.find(bobs).isPresent(), "other users are untouched");
        assertEquals(2, store.activeFamilies("alice", NOW.plusSeconds(10)).size());
        assertEquals(0, store.tokenCount("family-1"), "its tokens went with it");
    }

    @Test
    void aFullStoreRefusesNewSignInsAsUnavailableRatherThanSigningOthersOut() {
        for (String user : new String[] {"a", "b", "c", "d", "e"}) {
            signIn(user, NOW, Duration.ofDays(7));
        }
        RefreshStoreUnavailableException e = assertThrows(RefreshStoreUnavailableException.class,
                () -> signIn("f", NOW.plusSeconds(1), Duration.ofDays(7)));
        assertTrue(e.getMessage().contains(SsrGuardProperties.REFRESH_MEMORY_MAX_FAMILIES), e.getMessage());
        assertEquals(1, store.activeFamilies("a", NOW.plusSeconds(1)).size(), "nobody was signed out");
    }

    @Test
    void expiredFamiliesArePurgedToMakeRoom() {
        for (String user : new String[] {"a", "b", "c", "d", "e"}) {
            signIn(user, NOW, Duration.ofMinutes(1));
        }
        String late = signIn("f", NOW.plus(Duration.ofMinutes(2)), Duration.ofDays(7));
        assertTrue(store.find(late).isPresent());
        assertTrue(store.activeFamilies("a", NOW.plus(Duration.ofMinutes(2))).isEmpty());
    }

    @Test
    void limitsAreConfigurableAndValidated() {
        assertEquals(MemoryStoreLimits.DEFAULTS, MemoryStoreLimits.load(MapSettings.profile("prod").reader()));
        assertEquals(new MemoryStoreLimits(1000, 3), MemoryStoreLimits.load(MapSettings.profile("prod")
                .with(SsrGuardProperties.REFRESH_MEMORY_MAX_FAMILIES, "1000")
                .with(SsrGuardProperties.REFRESH_MEMORY_MAX_FAMILIES_PER_USER, "3").reader()));
        SettingsException e = assertThrows(SettingsException.class, () -> MemoryStoreLimits.load(
                MapSettings.profile("prod").with(SsrGuardProperties.REFRESH_MEMORY_MAX_FAMILIES_PER_USER, "0").reader()));
        assertTrue(e.getMessage().contains(SsrGuardProperties.REFRESH_MEMORY_MAX_FAMILIES_PER_USER), e.getMessage());
    }
}
