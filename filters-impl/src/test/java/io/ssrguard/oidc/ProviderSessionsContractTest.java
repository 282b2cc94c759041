package io.ssrguard.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.HashSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ProviderSessions} must do; one subclass per implementation and database. */
abstract class ProviderSessionsContractTest {

    static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    ProviderSessions sessions;

    abstract ProviderSessions open() throws Exception;

    void close() throws Exception {
    }

    @BeforeEach
    void setUp() throws Exception {
        sessions = open();
    }

    @AfterEach
    void tearDown() throws Exception {
        close();
    }

    static ProviderSession session(String family, String sid, String sub) {
        return new ProviderSession(family, sid, sub, "eyJ.id-token-of-" + family + ".sig", NOW.plusSeconds(3600));
    }

    @Test
    void findsFamiliesBySidBySubAndByBoth() {
        sessions.record(session("f1", "sid-A", "alice"));
        sessions.record(session("f2", "sid-A", "alice"));
        sessions.record(session("f3", "sid-B", "alice"));
        sessions.record(session("f4", null, "bob"));

        assertEquals(Set.of("f1", "f2"), new HashSet<>(sessions.families("sid-A", null)));
        assertEquals(Set.of("f1", "f2", "f3"), new HashSet<>(sessions.families(null, "alice")));
        assertEquals(Set.of("f1", "f2"), new HashSet<>(sessions.families("sid-A", "alice")));
        assertEquals(List.of("f4"), sessions.families("sid-A", "bob"), "bob's session has no sid: his sub decides");
        assertEquals(List.of(), sessions.families("sid-B", "carol"));
        assertEquals(List.of("f4"), sessions.families(null, "bob"));
        assertEquals(List.of(), sessions.families(null, null));
        assertEquals(List.of(), sessions.families("SID-A", null), "identifiers are compared case-sensitively");
    }

    @Test
    void aSessionRecordedWithoutSidEndsWithItsSubjectNeverBySidAlone() {
        sessions.record(session("nosid", null, "alice"));
        sessions.record(session("other", "sid-B", "alice"));
        assertEquals(List.of("nosid"), sessions.families("sid-A", "alice"),
                "sid and sub: the session of that sid, and the subject's sessions without a sid");
        assertEquals(List.of(), sessions.families("sid-A", null), "a sid alone never matches a session without one");
        assertEquals(List.of(), sessions.families("sid-A", "bob"));
    }

    @Test
    void keepsTheIdTokenUntilForgotten() {
        sessions.record(session("f1", "sid-A", "alice"));
        assertEquals("eyJ.id-token-of-f1.sig", sessions.idToken("f1").orElseThrow());
        sessions.forget("f1");
        assertTrue(sessions.idToken("f1").isEmpty());
        assertEquals(List.of(), sessions.families("sid-A", null));
        assertTrue(sessions.idToken("unknown").isEmpty());
    }

    @Test
    void longIdentifiersAreFoundAgain() {
        String longSub = "s".repeat(600);
        sessions.record(session("f1", "x".repeat(400), longSub));
        assertEquals(List.of("f1"), sessions.families("x".repeat(400), longSub));
        assertEquals(List.of(), sessions.families("x".repeat(401), null));
    }

    @Test
    void purgeDeletesExpiredRowsOnly() {
        sessions.record(new ProviderSession("old", "s1", "alice", null, NOW.minusSeconds(1)));
        sessions.record(session("live", "s2", "alice"));
        assertEquals(1, sessions.purge(NOW));
        assertEquals(List.of("live"), sessions.families(null, "alice"));
    }

    @Test
    void anEndedProviderSessionEndsSignInsWithOlderIdTokensOfItOnly() {
        Instant loggedOut = NOW.minusSeconds(10);
        sessions.ended(new EndedProviderSession("sid-A", "alice", loggedOut, NOW.plusSeconds(300)));
        sessions.ended(new EndedProviderSession(null, "bob", loggedOut, NOW.plusSeconds(300)));
        Instant before = loggedOut.minusSeconds(1);

        assertTrue(sessions.endedBefore(session("f1", "sid-A", "alice"), before));
        assertTrue(sessions.endedBefore(session("f1", "sid-A", "alice"), loggedOut), "the same second counts as before");
        assertFalse(sessions.endedBefore(session("f1", "sid-A", "alice"), loggedOut.plusSeconds(1)),
                "an ID token issued after the logout is of a live session");
        assertFalse(sessions.endedBefore(session("f1", "sid-B", "alice"), before), "another session of alice");
        assertFalse(sessions.endedBefore(session("f1", "sid-A", "mallory"), before), "that sid, another subject");
        assertTrue(sessions.endedBefore(session("f1", null, "alice"), before), "no sid: the subject decides");
        assertTrue(sessions.endedBefore(session("f1", "sid-Z", "bob"), before), "a logout of every session of bob");
        assertFalse(sessions.endedBefore(session("f1", "sid-Z", "carol"), before));

        String longSid = "x".repeat(400);
        sessions.ended(new EndedProviderSession(longSid, null, loggedOut, NOW.plusSeconds(300)));
        assertTrue(sessions.endedBefore(session("f2", longSid, "carol"), before), "long identifiers are hashed alike");
    }

    @Test
    void purgeDeletesExpiredEndedSessions() {
        sessions.ended(new EndedProviderSession("sid-old", null, NOW.minusSeconds(400), NOW.minusSeconds(1)));
        sessions.ended(new EndedProviderSession("sid-live", null, NOW.minusSeconds(10), NOW.plusSeconds(300)));
        assertEquals(1, sessions.purge(NOW));
        assertFalse(sessions.endedBefore(session("f1", "sid-old", "alice"), NOW.minusSeconds(500)));
        assertTrue(sessions.endedBefore(session("f1", "sid-live", "alice"), NOW.minusSeconds(500)));
    }
}
