package io.ssrguard.csp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CspHeaderCompilerTest {

    private static CspHeaderCompiler compiler(List<String> nonceDirectives, Optional<String> reportUri,
                                              Optional<String> reportTo) {
        return new CspHeaderCompiler(new CspPolicyParser(4096, "{nonce}"), nonceDirectives, "{nonce}", reportUri, reportTo);
    }

    private static final CspHeaderCompiler DEFAULT =
            compiler(List.of("script-src", "style-src"), Optional.empty(), Optional.empty());

    @Test
    void nonceIsAddedToScriptAndStyleDirectivesIncludingElemVariants() throws Exception {
        CspHeaderTemplate t = DEFAULT.compile(
                "default-src 'self'; script-src 'self' https://cdn.example; script-src-elem 'self'; style-src 'self';"
                        + " script-src-attr 'none'; img-src *");
        assertEquals("default-src 'self'; script-src 'self' https://cdn.example 'nonce-N1'; script-src-elem 'self'"
                + " 'nonce-N1'; style-src 'self' 'nonce-N1'; script-src-attr 'none'; img-src *", t.render("N1"));
    }

    @Test
    void missingScriptAndStyleSrcAreWrittenOutFromDefaultSrcSoNothingElseChanges() throws Exception {
        CspHeaderTemplate t = DEFAULT.compile(CspSettings.BUILT_IN_FALLBACK);
        assertEquals("default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none';"
                + " script-src 'self' 'nonce-X'; style-src 'self' 'nonce-X'", t.render("X"));
    }

    @Test
    void noneIsReplacedByTheNonceBecauseItMustStandAlone() throws Exception {
        assertEquals("default-src 'none'; script-src 'nonce-X'; style-src 'nonce-X'",
                DEFAULT.compile("default-src 'none'; script-src 'none'").render("X"));
    }

    @Test
    void placeholderIsSubstitutedAndNothingElseIsAdded() throws Exception {
        CspHeaderTemplate t = DEFAULT.compile("default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic';"
                + " style-src 'self'");
        assertEquals("default-src 'self'; script-src 'nonce-abc' 'strict-dynamic'; style-src 'self'", t.render("abc"));
        assertEquals("default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic'; style-src 'self'", t.toString());
    }

    @Test
    void onlyConfiguredDirectivesGetTheNonce() throws Exception {
        CspHeaderCompiler scriptsOnly = compiler(List.of("script-src"), Optional.empty(), Optional.empty());
        assertEquals("script-src 'self' 'nonce-X'; style-src 'self' 'unsafe-inline'",
                scriptsOnly.compile("script-src 'self'; style-src 'self' 'unsafe-inline'").render("X"));
    }

    @Test
    void policyWithoutScriptRestrictionsIsLeftWithoutNonce() throws Exception {
        CspHeaderTemplate t = DEFAULT.compile("frame-ancestors 'none'");
        assertFalse(t.usesNonce());
        assertEquals("frame-ancestors 'none'", t.render("X"));
    }

    @Test
    void everyRenderCarriesItsOwnNonce() throws Exception {
        CspHeaderTemplate t = DEFAULT.compile("script-src 'self'");
        assertTrue(t.usesNonce());
        assertNotEquals(t.render("one"), t.render("two"));
        assertTrue(t.render("two").endsWith("'nonce-two'"));
    }

    @Test
    void reportingDirectivesAreAddedUnlessThePolicyHasItsOwn() throws Exception {
        CspHeaderCompiler reporting = compiler(List.of(), Optional.of("/app/csp-report"), Optional.of("ssrguard-csp"));
        assertEquals("img-src *; report-uri /app/csp-report; report-to ssrguard-csp",
                reporting.compile("img-src *").render("X"));
        assertEquals("img-src *; report-uri https://r.example/x; report-to ssrguard-csp",
                reporting.compile("img-src *; report-uri https://r.example/x").render("X"));
    }

    @Test
    void thePlainHttpVariantLacksOnlyTheReportToThePackAdds() throws Exception {
        CspHeaderCompiler reporting = compiler(List.of("script-src"), Optional.of("/app/csp-report"),
                Optional.of("ssrguard-csp"));
        CspHeaderTemplate t = reporting.compile("script-src 'self'; frame-ancestors 'none'");
        assertEquals("script-src 'self' 'nonce-X'; frame-ancestors 'none'; report-uri /app/csp-report;"
                + " report-to ssrguard-csp", t.render("X"));
        // Chromium ignores report-uri where report-to is present and sends report-to only from HTTPS pages.
        assertEquals("script-src 'self' 'nonce-Y'; frame-ancestors 'none'; report-uri /app/csp-report",
                t.forPlainHttp().render("Y"));
        assertTrue(t.forPlainHttp().restrictsFraming());
        assertSame(t.forPlainHttp(), t.forPlainHttp().forPlainHttp());
    }

    @Test
    void aReportToOfThePolicysOwnStaysOverPlainHttpToo() throws Exception {
        CspHeaderCompiler reporting = compiler(List.of(), Optional.of("/app/csp-report"), Optional.of("ssrguard-csp"));
        CspHeaderTemplate t = reporting.compile("img-src *; report-to theirs");
        assertEquals("img-src *; report-to theirs; report-uri /app/csp-report", t.render("X"));
        assertSame(t, t.forPlainHttp());
        CspHeaderTemplate unreported = DEFAULT.compile("img-src *");
        assertSame(unreported, unreported.forPlainHttp());
    }
}
