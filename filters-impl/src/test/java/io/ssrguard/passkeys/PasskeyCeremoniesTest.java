package io.ssrguard.passkeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.auth.Caller;
import io.ssrguard.http.WebOrigin;
import io.ssrguard.keys.EncryptionKeys;
import io.ssrguard.testing.LoggedRecords;
import io.ssrguard.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import javax.crypto.KeyGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Both ceremonies against webauthn4j, with an authenticator that holds real keys and signs for real. */
class PasskeyCeremoniesTest {

    private static final String ORIGIN = "https://shop.example.com";
    private static final String RP_ID = "shop.example.com";
    private static final List<WebOrigin> ORIGINS = List.of(WebOrigin.parse(ORIGIN).orElseThrow());
    private static final Duration TTL = Duration.ofMinutes(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final InMemoryPasskeyStore store = new InMemoryPasskeyStore();
    private final List<PasskeyEvent> events = new ArrayList<>();
    private PasskeyCeremonies ceremonies;

    @BeforeEach
    void setUp() throws Exception {
        ceremonies = ceremonies(store, events::add, clock);
    }

    /** Ceremonies for {@code shop.example.com} with a fresh key, user verification required, a 5 minute challenge. */
    static PasskeyCeremonies ceremonies(PasskeyStore store, java.util.function.Consumer<PasskeyEvent> events,
                                        MutableClock clock) throws Exception {
        KeyGenerator aes = KeyGenerator.getInstance("AES");
        aes.init(256);
        SecureRandom random = new SecureRandom();
        return new PasskeyCeremonies(new PasskeySettings(Optional.empty(), "Shop", true, TTL, 60), store,
                new PasskeyChallengeCodec(new EncryptionKeys(List.of(aes.generateKey())), TTL, clock, random),
                events, clock, random);
    }

    @Test
    void registersThenSignsInUsernameLess() throws Exception {
        EmulatedAuthenticator authenticator = new EmulatedAuthenticator();
        Passkey registered = register("alice", authenticator);
        assertEquals("alice", registered.username());
        assertEquals(authenticator.credentialId(), registered.credentialId());
        assertEquals(List.of(registered), store.forUser("alice"));

        PasskeyCeremonies.Started start = ceremonies.startSignIn(null, RP_ID);
        assertEquals(List.of(), start.options().get("allowCredentials"));
        assertEquals("required", start.options().get("userVerification"));
        Passkey used = ceremonies.finishSignIn(start.challengeCookie(),
                authenticator.get(challenge(start), ORIGIN, RP_ID), ORIGINS, RP_ID);
        assertEquals("alice", used.username());
        assertEquals(Set.of("user"), used.groups());
        assertEquals(authenticator.counter(), store.find(registered.credentialId()).orElseThrow().signatureCount());
        assertEquals(clock.instant(), store.find(registered.credentialId()).orElseThrow().lastUsedAt());
        assertTrue(events.get(0) instanceof PasskeyEvent.Registered);
        assertTrue(events.get(1) instanceof PasskeyEvent.Used);
    }

    @Test
    void signsInUsernameFirstWithTheUsersPasskeysListed() throws Exception {
        EmulatedAuthenticator authenticator = new EmulatedAuthenticator();
        register("alice", authenticator);
        PasskeyCeremonies.Started start = ceremonies.startSignIn("alice", RP_ID);
        assertEquals(List.of(Map.of("type", "public-key", "id", authenticator.credentialId())),
                start.options().get("allowCredentials"));
        assertEquals("alice", ceremonies.finishSignIn(start.challengeCookie(),
                authenticator.get(challenge(start), ORIGIN, RP_ID), ORIGINS, RP_ID).username());
    }

    @Test
    void registrationOptionsAskForADiscoverableVerifiedPasskeyWithoutAttestation() {
        PasskeyCeremonies.Started start = ceremonies.startRegistration("alice", RP_ID);
        assertEquals("none", start.options().get("attestation"));
        assertEquals(Map.of("id", RP_ID, "name", "Shop"), start.options().get("rp"));
        @SuppressWarnings("unchecked")
        Map<String, Object> selection = (Map<String, Object>) start.options().get("authenticatorSelection");
        assertEquals("required", selection.get("residentKey"));
        assertEquals("required", selection.get("userVerification"));
    }

    @Test
    void refusesAWrongOrigin() throws Exception {
        EmulatedAuthenticator authenticator = new EmulatedAuthenticator();
        PasskeyCeremonies.Started reg = ceremonies.startRegistration("alice", RP_ID);
        assertRefused("invalid_passkey", () -> ceremonies.finishRegistration(caller("alice"), reg.challengeCookie(),
                authenticator.create(challenge(reg), userHandle(reg), "https://evil.example.net", RP_ID),
                ORIGINS, RP_ID, null));
        register("alice", authenticator);
        PasskeyCeremonies.Started start = ceremonies.startSignIn(null, RP_ID);
        assertRefused("invalid_passkey", () -> ceremonies.finishSignIn(start.challengeCookie(),
                authenticator.get(challenge(start), "https://evil.example.net", RP_ID), ORIGINS, RP_ID));
    }

    @Test
    void refusesAWrongRpId() throws Exception {
        EmulatedAuthenticator authenticator = new EmulatedAuthenticator();
        PasskeyCeremonies.Started reg = ceremonies.startRegistration("alice", RP_ID);
        assertRefused("invalid_passkey", () -> ceremonies.finishRegistration(caller("alice"), reg.challengeCookie(),
                authenticator.create(challenge(reg), userHandle(reg), ORIGIN, "evil.example.net"), ORIGINS, RP_ID, null));
        register("alice", authenticator);
        PasskeyCeremonies.Started start = ceremonies.startSignIn(null, RP_ID);
        assertRefused("invalid_passkey", () -> ceremonies.finishSignIn(start.challengeCookie(),
                authenticator.get(challenge(start), ORIGIN, "evil.example.net"), ORIGINS, RP_ID));
    }

    @Test
    void refusesAReplayedChallenge() throws Exception {
        EmulatedAuthenticator authenticator = new EmulatedAuthenticator();
        register("alice", authenticator);
        PasskeyCeremonies.Started start = ceremonies.startSignIn(null, RP_ID);
        String response = authenticator.get(challenge(start), ORIGIN, RP_ID);
        ceremonies.finishSignIn(start.challengeCookie(), response, ORIGINS, RP_ID);
        // The same cookie with a fresh signature over the same challenge: the challenge is spent.
        String again = authenticator.get(challenge(start), ORIGIN, RP_ID);
        assertRefused("invalid_challenge", () -> ceremonies.finishSignIn(start.challengeCookie(), again, ORIGINS, RP_ID));
    }

    @Test
    void refusesAnExpiredChallenge() throws Exception {
        EmulatedAuthenticator authenticator = new EmulatedAuthenticator();
        register("alice", authenticator);
        PasskeyCeremonies.Started start = ceremonies.startSignIn(null, RP_ID);
        clock.advance(TTL.plusSeconds(1));
        assertRefused("invalid_challenge", () -> ceremonies.finishSignIn(start.challengeCookie(),
                authenticator.get(challenge(start), ORIGIN, RP_ID), ORIGINS, RP_ID));
    }

    @Test
    void refusesARegistrationChallengeForSignIn() throws Exception {
        EmulatedAuthenticator authenticator = new EmulatedAuthenticator();
        register("alice", authenticator);
        PasskeyCeremonies.Started reg = ceremonies.startRegistration("alice", RP_ID);
        assertRefused("invalid_challenge", () -> ceremonies.finishSignIn(reg.challengeCookie(),
                authenticator.get(challenge(reg), ORIGIN, RP_ID), ORIGINS, RP_ID));
    }

    @Test
    void refusesACounterRegressionAndLogsAPossibleClone() throws Exception {
        EmulatedAuthenticator authenticator = new EmulatedAuthenticator().counter(10);
        register("alice", authenticator);
        signIn(authenticator);
        long stored = store.find(authenticator.credentialId()).orElseThrow().signatureCount();
        authenticator.counter(3);
        List<LogRecord> records;
        try (LoggedRecords log = LoggedRecords.of(PasskeyCeremonies.class)) {
            PasskeyCeremonies.Started start = ceremonies.startSignIn(null, RP_ID);
            assertRefused("invalid_passkey", () -> ceremonies.finishSignIn(start.challengeCookie(),
                    authenticator.get(challenge(start), ORIGIN, RP_ID), ORIGINS, RP_ID));
            records = log.records();
        }
        assertTrue(records.stream().anyMatch(r -> r.getLevel() == Level.WARNING && r.getMessage().contains("cloned")),
                "a WARNING names the possible clone");
        assertEquals(stored, store.find(authenticator.credentialId()).orElseThrow().signatureCount(), "counter unchanged");
    }

    @Test
    void refusesARemovedPasskey() throws Exception {
        EmulatedAuthenticator authenticator = new EmulatedAuthenticator();
        register("alice", authenticator);
        assertTrue(ceremonies.remove("alice", authenticator.credentialId()));
        assertTrue(events.get(events.size() - 1) instanceof PasskeyEvent.Removed);
        PasskeyCeremonies.Started start = ceremonies.startSignIn(null, RP_ID);
        assertRefused("unknown_passkey", () -> ceremonies.finishSignIn(start.challengeCookie(),
                authenticator.get(challenge(start), ORIGIN, RP_ID), ORIGINS, RP_ID));
    }

    @Test
    void anotherUsersPasskeyNeitherSignsInUsernameFirstNorIsRemovable() throws Exception {
        EmulatedAuthenticator bobs = new EmulatedAuthenticator();
        register("bob", bobs);
        register("alice", new EmulatedAuthenticator());
        PasskeyCeremonies.Started start = ceremonies.startSignIn("alice", RP_ID);
        assertRefused("invalid_passkey", () -> ceremonies.finishSignIn(start.challengeCookie(),
                bobs.get(challenge(start), ORIGIN, RP_ID), ORIGINS, RP_ID));
        assertFalse(ceremonies.remove("alice", bobs.credentialId()));
        assertTrue(store.find(bobs.credentialId()).isPresent());
    }

    @Test
    void refusesRegistrationFinishedByAnotherUser() {
        EmulatedAuthenticator authenticator = new EmulatedAuthenticator();
        PasskeyCeremonies.Started reg = ceremonies.startRegistration("alice", RP_ID);
        assertRefused("invalid_passkey", () -> ceremonies.finishRegistration(caller("mallory"), reg.challengeCookie(),
                authenticator.create(challenge(reg), userHandle(reg), ORIGIN, RP_ID), ORIGINS, RP_ID, null));
    }

    @Test
    void refusesAnUnverifiedUserWhenVerificationIsRequired() {
        EmulatedAuthenticator authenticator = new EmulatedAuthenticator().userVerified(false);
        PasskeyCeremonies.Started reg = ceremonies.startRegistration("alice", RP_ID);
        assertRefused("invalid_passkey", () -> ceremonies.finishRegistration(caller("alice"), reg.challengeCookie(),
                authenticator.create(challenge(reg), userHandle(reg), ORIGIN, RP_ID), ORIGINS, RP_ID, null));
        assertTrue(store.forUser("alice").isEmpty());
    }

    @Test
    void refusesAWrongClientDataTypeAndAnAttestationOtherThanNone() {
        for (EmulatedAuthenticator client : List.of(new EmulatedAuthenticator().createdAs("none", "webauthn.get"),
                new EmulatedAuthenticator().createdAs("packed", "webauthn.create"),
                new EmulatedAuthenticator().createdAs("no-such-format", "webauthn.create"))) {
            PasskeyCeremonies.Started reg = ceremonies.startRegistration("alice", RP_ID);
            assertRefused("invalid_passkey", () -> ceremonies.finishRegistration(caller("alice"), reg.challengeCookie(),
                    client.create(challenge(reg), userHandle(reg), ORIGIN, RP_ID), ORIGINS, RP_ID, null));
        }
        assertTrue(store.forUser("alice").isEmpty());
    }

    /**
     * A real ES384 credential (not among the options' algorithms), a key claiming an algorithm no one knows,
     * and an EC key claiming RS256: refused as a bad passkey, nothing stored.
     */
    @Test
    void refusesAKeyOfAnAlgorithmTheOptionsDidNotOffer() {
        for (EmulatedAuthenticator client : List.of(EmulatedAuthenticator.es384(),
                new EmulatedAuthenticator().claimedAlgorithm(-65535),
                new EmulatedAuthenticator().claimedAlgorithm(-257))) {
            PasskeyCeremonies.Started reg = ceremonies.startRegistration("alice", RP_ID);
            assertRefused("invalid_passkey", () -> ceremonies.finishRegistration(caller("alice"), reg.challengeCookie(),
                    client.create(challenge(reg), userHandle(reg), ORIGIN, RP_ID), ORIGINS, RP_ID, null));
        }
        assertTrue(store.forUser("alice").isEmpty());
    }

    @Test
    void refusesMalformedJsonAndATamperedSignatureAsBadRequests() throws Exception {
        EmulatedAuthenticator authenticator = new EmulatedAuthenticator();
        register("alice", authenticator);
        for (String bad : new String[] {"", "{", "[]", "{\"id\":1}", "{\"id\":\"AA\",\"response\":{}}"}) {
            PasskeyCeremonies.Started start = ceremonies.startSignIn(null, RP_ID);
            PasskeyRefusal r = assertThrows(PasskeyRefusal.class,
                    () -> ceremonies.finishSignIn(start.challengeCookie(), bad, ORIGINS, RP_ID), bad);
            assertEquals(400, r.status(), bad);
        }
        PasskeyCeremonies.Started start = ceremonies.startSignIn(null, RP_ID);
        String response = authenticator.get(challenge(start), ORIGIN, RP_ID);
        String tampered = response.replaceFirst("\"signature\":\"M", "\"signature\":\"N");
        assertRefused("invalid_passkey", () -> ceremonies.finishSignIn(start.challengeCookie(), tampered, ORIGINS, RP_ID));
    }

    @Test
    void aSecondPasskeyOfAUserKeepsTheirUserHandleAndExcludesTheFirst() throws Exception {
        EmulatedAuthenticator first = new EmulatedAuthenticator();
        Passkey one = register("alice", first);
        PasskeyCeremonies.Started reg = ceremonies.startRegistration("alice", RP_ID);
        assertEquals(one.userHandle(), userHandle(reg));
        assertEquals(List.of(Map.of("type", "public-key", "id", first.credentialId())),
                reg.options().get("excludeCredentials"));
        assertNull(one.lastUsedAt());
    }

    private Passkey register(String user, EmulatedAuthenticator authenticator) throws PasskeyRefusal {
        PasskeyCeremonies.Started reg = ceremonies.startRegistration(user, RP_ID);
        return ceremonies.finishRegistration(caller(user), reg.challengeCookie(),
                authenticator.create(challenge(reg), userHandle(reg), ORIGIN, RP_ID), ORIGINS, RP_ID, "laptop");
    }

    private void signIn(EmulatedAuthenticator authenticator) throws PasskeyRefusal {
        PasskeyCeremonies.Started start = ceremonies.startSignIn(null, RP_ID);
        ceremonies.finishSignIn(start.challengeCookie(), authenticator.get(challenge(start), ORIGIN, RP_ID), ORIGINS, RP_ID);
    }

    private static Caller caller(String name) {
        return new Caller(name, Set.of("user"));
    }

    private static String challenge(PasskeyCeremonies.Started start) {
        return (String) start.options().get("challenge");
    }

    @SuppressWarnings("unchecked")
    private static String userHandle(PasskeyCeremonies.Started start) {
        return (String) ((Map<String, Object>) start.options().get("user")).get("id");
    }

    private static void assertRefused(String code, org.junit.jupiter.api.function.Executable call) {
        PasskeyRefusal r = assertThrows(PasskeyRefusal.class, call);
        assertEquals(code, r.code(), r.getMessage());
    }
}
