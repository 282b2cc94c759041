package io.ssrguard.csp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CspHeaderTemplateTest {

    @Test
    void noSlotGivesTheFixedValue() {
        CspHeaderTemplate t = new CspHeaderTemplate(new String[] {"default-src 'self'"}, "{nonce}");
        assertFalse(t.usesNonce());
        assertEquals("default-src 'self'", t.render("abc"));
    }

    @Test
    void oneSlotAndSeveralSlotsGetTheNonceEverywhere() {
        CspHeaderTemplate one = new CspHeaderTemplate(new String[] {"script-src 'nonce-", "'; frame-ancestors 'none'"},
                "{nonce}");
        assertTrue(one.usesNonce());
        assertTrue(one.restrictsFraming());
        assertEquals("script-src 'nonce-N1'; frame-ancestors 'none'", one.render("N1"));
        assertEquals("script-src 'nonce-{nonce}'; frame-ancestors 'none'", one.toString());
        CspHeaderTemplate two = new CspHeaderTemplate(new String[] {"script-src 'nonce-", "'; style-src 'nonce-", "'"},
                "{nonce}");
        assertEquals("script-src 'nonce-N2'; style-src 'nonce-N2'", two.render("N2"));
        CspHeaderTemplate edges = new CspHeaderTemplate(new String[] {"", ""}, "{nonce}");
        assertEquals("N3", edges.render("N3"));
    }
}
