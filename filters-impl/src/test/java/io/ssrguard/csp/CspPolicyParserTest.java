package io.ssrguard.csp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CspPolicyParserTest {

    private final CspPolicyParser parser = new CspPolicyParser(200, "{nonce}");

    private void assertRejected(String policy, String reasonContains) {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> parser.parse(policy), policy);
        assertTrue(e.getMessage().contains(reasonContains), e.getMessage());
    }

    @Test
    void parsesDirectivesInOrderAndNormalisesNamesAndKeywords() throws Exception {
        CspPolicy p = parser.parse("Default-Src 'SELF';  script-src 'self'   https://cdn.example ;img-src data:;"
                + " upgrade-insecure-requests");
        assertEquals(List.of(
                new CspDirective("default-src", List.of("'self'")),
                new CspDirective("script-src", List.of("'self'", "https://cdn.example")),
                new CspDirective("img-src", List.of("data:")),
                new CspDirective("upgrade-insecure-requests", List.of())), p.directives());
        assertEquals("default-src 'self'; script-src 'self' https://cdn.example; img-src data:; upgrade-insecure-requests",
                p.serialize());
    }

    @Test
    void crLfInjectionFromTheSourceIsRejected() {
        assertRejected("default-src 'self'\r\nSet-Cookie: session=stolen", "U+000D");
        assertRejected("default-src 'self'\nSet-Cookie: session=stolen", "U+000A");
        assertRejected("default-src 'self';\r\n\r\n<script>alert(1)</script>", "U+000D");
    }

    @Test
    void otherControlAndNonAsciiCharactersAreRejected() {
        assertRejected("default-src 'self'\u0000", "U+0000");
        assertRejected("default-src\t'self'", "U+0009");
        assertRejected("default-src 'self' \u007f", "U+007F");
        assertRejected("default-src https://bücher.example", "U+00FC");
        assertRejected("default-src 'self'\u2028script-src *", "U+2028");
    }

    @Test
    void surroundingWhitespaceSuchAsAFilesFinalNewlineIsTrimmed() throws Exception {
        assertEquals("default-src 'self'", parser.parse("  default-src 'self';\n").serialize());
    }

    @Test
    void unknownDirectiveIsRejected() {
        assertRejected("default-src 'self'; scirpt-src 'self'", "unknown directive 'scirpt-src'");
        assertRejected("Set-Cookie: a=b", "unknown directive");
    }

    @Test
    void duplicateDirectiveIsRejectedBecauseBrowsersWouldIgnoreIt() {
        assertRejected("script-src 'self'; img-src *; script-src *", "appears twice");
    }

    @Test
    void oversizedPolicyIsRejectedAtOneCharacterOverTheBound() throws Exception {
        String base = "default-src 'self' https://";
        String fits = base + "a".repeat(200 - base.length());
        assertEquals(200, fits.length());
        parser.parse(fits);
        assertRejected(fits + "b", "more than the 200 allowed");
    }

    @Test
    void emptyPoliciesAreRejected() {
        assertRejected(null, "no policy");
        assertRejected("", "empty");
        assertRejected("   \n", "empty");
        assertRejected(" ; ;; ", "no directive");
    }

    @Test
    void commaWouldStartASecondPolicyAndIsRejected() {
        assertRejected("default-src 'self', script-src *", "comma");
    }

    @Test
    void fixedNonceIsRejectedButThePlaceholderIsAccepted() throws Exception {
        assertRejected("script-src 'nonce-abc123'", "fixed nonce");
        assertEquals("script-src 'self' 'nonce-{nonce}'", parser.parse("script-src 'self' 'nonce-{nonce}'").serialize());
    }

    @Test
    void quotedKeywordsMustBeKnownAndHashesAreAccepted() throws Exception {
        assertRejected("script-src 'unsafe-inlined'", "unknown keyword");
        assertRejected("script-src 'self", "unknown keyword");
        parser.parse("script-src 'sha256-abc+/=' 'strict-dynamic' 'unsafe-hashes'; require-trusted-types-for 'script'");
    }
}
