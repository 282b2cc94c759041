package io.ssrguard.csrf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.caoccao.javet.exceptions.JavetException;
import io.ssrguard.testing.EmbeddedNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.logging.Logger;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Node.js snippet of {@code docs/csrf.md} (run from {@code src/test/node}) mints
 * tokens the Java verifier accepts, and one changed byte breaks them. Node.js
 * runs inside the test JVM ({@link EmbeddedNode}: Javet's libnode, pinned by the
 * build), so no {@code node} binary is needed on the machine.
 */
class NodeSsrTokenInteropTest {

    static final Path SCRIPT = Path.of("src", "test", "node", "mint-ssr-token.mjs");
    /** The SSR server's backend call of docs/csrf.md; the container tests run it (RefreshRotationIT). */
    static final Path SSR_FETCH = Path.of("src", "test", "node", "ssr-fetch.mjs");
    static final String UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) \"Chrome\"/130.0";
    static EmbeddedNode node;

    final SecretKey key = TestKeys.aes();
    final CsrfTokenCodec codec = new CsrfTokenCodec(List.of(TestKeys.aes(), key), Clock.systemUTC(), TestKeys.RANDOM);
    final CsrfVerifier verifier = new CsrfVerifier(codec, Duration.ofHours(24), Duration.ofSeconds(60),
            Duration.ofSeconds(5), Clock.systemUTC());

    @BeforeAll
    static void startNode() throws Exception {
        assertTrue(Files.isRegularFile(SCRIPT), "run from the filters-impl module: " + SCRIPT.toAbsolutePath());
        node = EmbeddedNode.load(SCRIPT);
        Logger.getLogger(NodeSsrTokenInteropTest.class.getName()).info("README's snippet runs on embedded Node.js "
                + node.version());
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    static String mint(String keyText, String userAgent, String sid) throws JavetException {
        return node.call("mintSsrToken", keyText, userAgent, sid);
    }

    @Test
    void snippetRunsOnNode18OrLater() throws Exception {
        // node:crypto and Buffer come from Node itself, not from a stand-in: the README says 18 or later.
        assertTrue(Integer.parseInt(node.version().substring(1, node.version().indexOf('.'))) >= 18, node.version());
    }

    @Test
    void nodeMintedTokenWithSessionIsAccepted() throws Exception {
        String token = mint(Base64.getEncoder().encodeToString(key.getEncoded()), UA, "fam-\"42\"");
        assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
        CsrfToken t = verifier.verifySsr(token, UA, "fam-\"42\"");
        assertEquals(CsrfPurpose.SSR, t.purpose());
        assertEquals("fam-\"42\"", t.sessionId());

        assertEquals(CsrfRejection.SESSION_MISMATCH,
                assertThrows(CsrfRejectedException.class, () -> verifier.verifySsr(token, UA, "fam-other")).reason());
        assertEquals(CsrfRejection.UA_MISMATCH,
                assertThrows(CsrfRejectedException.class, () -> verifier.verifySsr(token, "curl/8.0", "fam-\"42\"")).reason());
        assertEquals(CsrfRejection.WRONG_PURPOSE, assertThrows(CsrfRejectedException.class,
                () -> verifier.verifyClient(token, token, UA, "fam-\"42\"")).reason());
    }

    @Test
    void nodeMintedAnonymousTokenWithBase64urlKeyIsAccepted() throws Exception {
        String token = mint(Base64.getUrlEncoder().withoutPadding().encodeToString(key.getEncoded()), UA, null);
        assertNull(verifier.verifySsr(token, UA, null).sessionId());
        verifier.verifySsr(token, UA, "fam-a");
    }

    @Test
    void oneChangedByteBreaksANodeMintedToken() throws Exception {
        String token = mint(Base64.getEncoder().encodeToString(key.getEncoded()), UA, "fam-a");
        verifier.verifySsr(token, UA, "fam-a");
        int length = Base64.getUrlDecoder().decode(token).length;
        for (int index : new int[] {0, 11, 12, length / 2, length - 17, length - 1}) {
            String changed = CsrfTokenCodecTest.flipByte(token, index);
            assertEquals(CsrfRejection.UNDECRYPTABLE, assertThrows(CsrfRejectedException.class,
                    () -> verifier.verifySsr(changed, UA, "fam-a")).reason(), "byte " + index);
        }
        int mid = token.length() / 2;
        String oneChar = token.substring(0, mid) + (token.charAt(mid) == 'A' ? 'B' : 'A') + token.substring(mid + 1);
        assertEquals(CsrfRejection.UNDECRYPTABLE, assertThrows(CsrfRejectedException.class,
                () -> verifier.verifySsr(oneChar, UA, "fam-a")).reason());
    }

    @Test
    void documentedSnippetIsTheTestedCode() throws Exception {
        Path docs = Path.of("..", "docs", "csrf.md");
        assertTrue(Files.isRegularFile(docs), "run from the filters-impl module: " + docs.toAbsolutePath());
        String page = Files.readString(docs);
        assertEquals(function(Files.readString(SCRIPT), "export function mintSsrToken"),
                function(page, "export function mintSsrToken"));
        assertEquals(function(Files.readString(SSR_FETCH), "export async function backendFetch"),
                function(page, "export async function backendFetch"));
    }

    /** A function's text, from the line that starts with {@code head} to the closing brace at line start. */
    static String function(String text, String head) {
        int start = text.indexOf(head);
        int end = text.indexOf("\n}\n", start);
        assertTrue(start >= 0 && end > start, head + " not found");
        return text.substring(start, end + 2);
    }

    @Test
    void nodeRefusesAWrongSizedKey() {
        JavetException refused = assertThrows(JavetException.class,
                () -> mint(Base64.getEncoder().encodeToString(new byte[16]), UA, null));
        assertTrue(refused.getMessage().contains("the key must be 32 bytes (AES-256), got 16"), refused.getMessage());
    }
}
