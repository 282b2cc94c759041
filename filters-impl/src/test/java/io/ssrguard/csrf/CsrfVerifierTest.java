package io.ssrguard.csrf;

import io.ssrguard.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class CsrfVerifierTest {

    static final String UA = "Mozilla/5.0 (Macintosh) Safari/605.1.15";
    static final String OTHER_UA = "Mozilla/5.0 (Windows NT 10.0) Chrome/129.0";

    final MutableClock clock = new MutableClock();
    final CsrfTokenCodec codec = new CsrfTokenCodec(List.of(TestKeys.aes()), clock, TestKeys.RANDOM);
    final CsrfVerifier verifier = new CsrfVerifier(codec, Duration.ofHours(24), Duration.ofSeconds(60),
            Duration.ofSeconds(5), clock);

    static CsrfRejection rejected(Executable check) {
        return assertThrows(CsrfRejectedException.class, check).reason();
    }

    String client(String sid) {
        return codec.mint(CsrfPurpose.CLIENT, UA, sid);
    }

    String ssr(String sid) {
        return codec.mint(CsrfPurpose.SSR, UA, sid);
    }

    @Test
    void matchingCookieAndHeaderPass() throws Exception {
        String anon = client(null);
        verifier.verifyClient(anon, anon, UA, null);
        String bound = client("fam-a");
        assertEquals("fam-a", verifier.verifyClient(bound, bound, UA, "fam-a").sessionId());
    }

    @Test
    void missingCookieOrHeaderIsMissing() {
        String t = client(null);
        assertEquals(CsrfRejection.MISSING, rejected(() -> verifier.verifyClient(null, t, UA, null)));
        assertEquals(CsrfRejection.MISSING, rejected(() -> verifier.verifyClient(t, null, UA, null)));
        assertEquals(CsrfRejection.MISSING, rejected(() -> verifier.verifyClient("", "", UA, null)));
        assertEquals(CsrfRejection.MISSING, rejected(() -> verifier.verifySsr(null, UA, null)));
    }

    @Test
    void differentCookieAndHeaderMismatch() {
        String a = client(null);
        String b = client(null);
        assertEquals(CsrfRejection.COOKIE_HEADER_MISMATCH, rejected(() -> verifier.verifyClient(a, b, UA, null)),
                "two valid tokens are still not a pair");
        assertEquals(CsrfRejection.COOKIE_HEADER_MISMATCH, rejected(() -> verifier.verifyClient(a, a + "x", UA, null)));
    }

    @Test
    void garbageAndOversizedValuesAreUndecryptable() {
        String huge = "A".repeat(100_000);
        assertEquals(CsrfRejection.UNDECRYPTABLE, rejected(() -> verifier.verifyClient(huge, huge, UA, null)));
        assertEquals(CsrfRejection.UNDECRYPTABLE, rejected(() -> verifier.verifyClient(client(null), huge, UA, null)));
        assertEquals(CsrfRejection.UNDECRYPTABLE, rejected(() -> verifier.verifyClient("garbage", "garbage", UA, null)));
        assertEquals(CsrfRejection.UNDECRYPTABLE, rejected(() -> verifier.verifySsr(huge, UA, null)));
        assertEquals(CsrfRejection.UNDECRYPTABLE, rejected(() -> verifier.verifySsr("<script>", UA, null)));
    }

    @Test
    void clientTokenExpiresAfter24Hours() throws Exception {
        String t = client(null);
        clock.advance(Duration.ofHours(24).minusMillis(1));
        verifier.verifyClient(t, t, UA, null);
        clock.advance(Duration.ofMillis(1));
        assertEquals(CsrfRejection.EXPIRED, rejected(() -> verifier.verifyClient(t, t, UA, null)));
    }

    @Test
    void ssrTokenExpiresAfter60Seconds() throws Exception {
        String t = ssr(null);
        clock.advance(Duration.ofSeconds(59));
        verifier.verifySsr(t, UA, null);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(CsrfRejection.EXPIRED, rejected(() -> verifier.verifySsr(t, UA, null)));
    }

    @Test
    void tokenFromTheFutureIsAcceptedOnlyWithinTheClockSkew() throws Exception {
        clock.advance(Duration.ofSeconds(5));
        String slightlyAhead = ssr(null);
        clock.advance(Duration.ofSeconds(55));
        String farAhead = ssr(null);
        clock.advance(Duration.ofSeconds(-60));
        verifier.verifySsr(slightlyAhead, UA, null);
        assertEquals(CsrfRejection.EXPIRED, rejected(() -> verifier.verifySsr(farAhead, UA, null)));
    }

    @Test
    void otherUserAgentIsRefused() {
        String c = client(null);
        String s = ssr(null);
        assertEquals(CsrfRejection.UA_MISMATCH, rejected(() -> verifier.verifyClient(c, c, OTHER_UA, null)));
        assertEquals(CsrfRejection.UA_MISMATCH, rejected(() -> verifier.verifyClient(c, c, null, null)));
        assertEquals(CsrfRejection.UA_MISMATCH, rejected(() -> verifier.verifySsr(s, OTHER_UA, null)));
    }

    @Test
    void missingUserAgentOnBothSidesMatches() throws Exception {
        String t = codec.mint(CsrfPurpose.CLIENT, null, null);
        verifier.verifyClient(t, t, null, null);
        verifier.verifyClient(t, t, "", null);
    }

    @Test
    void tokenOfAnotherSessionIsRefused() {
        String t = client("fam-a");
        CsrfRejectedException e = assertThrows(CsrfRejectedException.class,
                () -> verifier.verifyClient(t, t, UA, "fam-b"));
        assertEquals(CsrfRejection.SESSION_MISMATCH, e.reason());
        assertFalse(e.getMessage().contains("fam-"), "session ids stay out of the log: " + e.getMessage());
    }

    @Test
    void anonymousTokenUsedByASignedInCallerIsRefused() {
        String pre = client(null);
        assertEquals(CsrfRejection.SESSION_MISMATCH, rejected(() -> verifier.verifyClient(pre, pre, UA, "fam-a")));
    }

    @Test
    void sessionTokenUsedAnonymouslyIsRefused() {
        String t = client("fam-a");
        assertEquals(CsrfRejection.SESSION_MISMATCH, rejected(() -> verifier.verifyClient(t, t, UA, null)));
    }

    @Test
    void ssrSessionIsCheckedOnlyWhenPresent() throws Exception {
        verifier.verifySsr(ssr(null), UA, "fam-a");
        verifier.verifySsr(ssr(null), UA, null);
        verifier.verifySsr(ssr("fam-a"), UA, "fam-a");
        String bound = ssr("fam-a");
        assertEquals(CsrfRejection.SESSION_MISMATCH, rejected(() -> verifier.verifySsr(bound, UA, "fam-b")));
        assertEquals(CsrfRejection.SESSION_MISMATCH, rejected(() -> verifier.verifySsr(bound, UA, null)));
    }

    @Test
    void clientTokenIsNoSsrTokenAndTheReverse() {
        String c = client(null);
        String s = ssr(null);
        assertEquals(CsrfRejection.WRONG_PURPOSE, rejected(() -> verifier.verifySsr(c, UA, null)));
        assertEquals(CsrfRejection.WRONG_PURPOSE, rejected(() -> verifier.verifyClient(s, s, UA, null)));
    }

    @Test
    void anAcceptedClientTokenIsDecryptedOnceAndStillCheckedOnEveryRequest() throws Exception {
        String t = client("fam-a");
        verifier.verifyClient(t, t, UA, "fam-a");
        assertEquals(1, verifier.openedClientTokens(), "accepted once: remembered");
        assertEquals("fam-a", verifier.verifyClient(t, new String(t), UA, "fam-a").sessionId(), "equal content, another object");
        assertEquals(1, verifier.openedClientTokens());

        assertEquals(CsrfRejection.UA_MISMATCH, rejected(() -> verifier.verifyClient(t, t, OTHER_UA, "fam-a")),
                "the User-Agent is checked again on a cached token");
        assertEquals(CsrfRejection.SESSION_MISMATCH, rejected(() -> verifier.verifyClient(t, t, UA, "fam-b")));
        assertEquals(CsrfRejection.SESSION_MISMATCH, rejected(() -> verifier.verifyClient(t, t, UA, null)));
        assertEquals(CsrfRejection.COOKIE_HEADER_MISMATCH, rejected(() -> verifier.verifyClient(t, client("fam-a"), UA, "fam-a")));
        clock.advance(Duration.ofHours(24));
        assertEquals(CsrfRejection.EXPIRED, rejected(() -> verifier.verifyClient(t, t, UA, "fam-a")),
                "the TTL is checked against the clock on a cached token");
    }

    @Test
    void aTokenOneCharacterAwayFromACachedOneIsDecryptedAndRefused() throws Exception {
        String t = client(null);
        verifier.verifyClient(t, t, UA, null);
        int at = t.length() / 2;
        String changed = t.substring(0, at) + (t.charAt(at) == 'A' ? 'B' : 'A') + t.substring(at + 1);
        assertEquals(CsrfRejection.UNDECRYPTABLE, rejected(() -> verifier.verifyClient(changed, changed, UA, null)));
        String longer = t + "A";
        assertEquals(CsrfRejection.UNDECRYPTABLE, rejected(() -> verifier.verifyClient(longer, longer, UA, null)));
        assertEquals(1, verifier.openedClientTokens(), "refused tokens are never remembered");
    }

    @Test
    void refusedTokensAreNotRememberedAndTheCacheIsBounded() throws Exception {
        String wrongUa = client(null);
        rejected(() -> verifier.verifyClient(wrongUa, wrongUa, OTHER_UA, null));
        assertEquals(0, verifier.openedClientTokens());
        for (int i = 0; i <= OpenedClientTokens.MAX_SIZE; i++) {
            String t = client(null);
            verifier.verifyClient(t, t, UA, null);
        }
        assertTrue(verifier.openedClientTokens() <= OpenedClientTokens.MAX_SIZE);
        String t = client(null);
        verifier.verifyClient(t, t, UA, null);
        verifier.verifyClient(t, t, UA, null);
    }
}
