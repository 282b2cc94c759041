package io.ssrguard.passkeys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PasskeyStore} must do; each store's test runs it. */
abstract class PasskeyStoreContractTest {

    static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    PasskeyStore store;

    abstract PasskeyStore open() throws Exception;

    void close() throws Exception {
    }

    @BeforeEach
    void setUp() throws Exception {
        store = open();
    }

    @AfterEach
    void tearDown() throws Exception {
        close();
    }

    static Passkey passkey(String id, String user, Instant created) {
        return new Passkey(id, "handle-of-" + user, user, Set.of("user", "staff"), new byte[] {1, 2, 3, (byte) 0xff},
                7, "laptop", created, null);
    }

    @Test
    void keepsWhatWasAddedByteForByte() {
        Passkey p = passkey("Cred-Id_1", "alice", NOW);
        assertTrue(store.add(p));
        Passkey found = store.find("Cred-Id_1").orElseThrow();
        assertEquals(p, found);
        assertArrayEquals(new byte[] {1, 2, 3, (byte) 0xff}, found.credentialData());
        assertEquals(Set.of("user", "staff"), found.groups());
        assertNull(found.lastUsedAt());
    }

    @Test
    void aCredentialIdIsAddedOnceForAnyUser() {
        assertTrue(store.add(passkey("same", "alice", NOW)));
        assertFalse(store.add(passkey("same", "bob", NOW)));
        assertEquals("alice", store.find("same").orElseThrow().username());
    }

    @Test
    void idsDifferingInCaseAreDifferentPasskeys() {
        assertTrue(store.add(passkey("abc", "alice", NOW)));
        assertTrue(store.add(passkey("ABC", "bob", NOW)));
        assertEquals("bob", store.find("ABC").orElseThrow().username());
        assertEquals(Optional.empty(), store.find("Abc"));
    }

    @Test
    void listsAUsersPasskeysOldestFirstAndNoOneElses() {
        store.add(passkey("b", "alice", NOW.plusSeconds(5)));
        store.add(passkey("a", "alice", NOW));
        store.add(passkey("c", "bob", NOW));
        assertEquals(List.of("a", "b"), store.forUser("alice").stream().map(Passkey::credentialId).toList());
        assertEquals(List.of(), store.forUser("Alice"));
    }

    @Test
    void recordsAUseOnlyWhileTheCounterIsTheExpectedOne() {
        store.add(passkey("a", "alice", NOW));
        assertTrue(store.recordUse("a", 7, 8, NOW.plusSeconds(60)));
        assertFalse(store.recordUse("a", 7, 9, NOW.plusSeconds(61)), "a second use with the old counter loses");
        Passkey p = store.find("a").orElseThrow();
        assertEquals(8, p.signatureCount());
        assertEquals(NOW.plusSeconds(60), p.lastUsedAt());
        assertFalse(store.recordUse("gone", 0, 1, NOW));
    }

    @Test
    void removesOnlyTheOwnersPasskey() {
        store.add(passkey("a", "alice", NOW));
        assertFalse(store.remove("bob", "a"));
        assertTrue(store.find("a").isPresent());
        assertTrue(store.remove("alice", "a"));
        assertFalse(store.remove("alice", "a"));
        assertEquals(Optional.empty(), store.find("a"));
    }

    @Test
    void keepsALongCredentialId() {
        String id = "x".repeat(1364);
        assertTrue(store.add(passkey(id, "alice", NOW)));
        assertEquals(id, store.find(id).orElseThrow().credentialId());
    }
}
