package io.ssrguard.csp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyDocumentTest {

    @Test
    void oneLineIsASinglePolicyAsBefore() throws Exception {
        PolicyFetch.Loaded single = PolicyDocument.parse("default-src 'self'\n", "v1");
        assertEquals("default-src 'self'\n", single.policy());
        assertEquals(Map.of(), single.paths());
        assertEquals("v1", single.version());
    }

    @Test
    void linesStartingWithAPatternArePolicyByPath() throws Exception {
        PolicyFetch.Loaded doc = PolicyDocument.parse("""
                # the site
                default-src 'self'; frame-ancestors 'none'

                /embed/*  default-src 'self'; frame-ancestors 'self'\r
                /preview.html\tdefault-src 'self'; frame-ancestors https://cms.example
                """, null);
        assertEquals("default-src 'self'; frame-ancestors 'none'", doc.policy());
        assertEquals(Map.of("/embed/*", "default-src 'self'; frame-ancestors 'self'",
                "/preview.html", "default-src 'self'; frame-ancestors https://cms.example"), doc.paths());
    }

    @Test
    void aPatternWithoutPolicyIsLeftToBeRefusedAloneLater() throws Exception {
        PolicyFetch.Loaded doc = PolicyDocument.parse("default-src 'self'\n/embed/*\n", null);
        assertEquals(Map.of("/embed/*", ""), doc.paths());
    }

    @Test
    void documentWithoutOrWithTwoDefaultsOrARepeatedPatternIsRefusedWhole() {
        assertTrue(assertThrows(PolicySourceException.class,
                () -> PolicyDocument.parse("/embed/* default-src 'self'\n", null)).getMessage().contains("no line for every other path"));
        assertTrue(assertThrows(PolicySourceException.class,
                () -> PolicyDocument.parse("default-src 'self'\r\nSet-Cookie: pwned=1", null)).getMessage().contains("more than one line"),
                "a header injection attempt is no second policy");
        assertTrue(assertThrows(PolicySourceException.class,
                () -> PolicyDocument.parse("img-src *\n/a/* img-src *\n/a/* img-src 'self'", null)).getMessage().contains("twice"));
    }

    @Test
    void aCrInsideALineStaysForTheParserToRefuse() throws Exception {
        PolicyFetch.Loaded doc = PolicyDocument.parse("img-src *\n/a/* img-src 'self'\rSet-Cookie: x=1\n", null);
        assertTrue(doc.paths().get("/a/*").contains("\r"));
    }
}
