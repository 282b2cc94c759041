package io.ssrguard.faces;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OneHeaderFacesContextTest {

    @Test
    void bothPolicyHeadersInAnyCaseAreTheOnesKeptOut() {
        assertTrue(OneHeaderFacesContext.isPolicy("Content-Security-Policy"));
        assertTrue(OneHeaderFacesContext.isPolicy("content-security-policy-report-only"));
        assertFalse(OneHeaderFacesContext.isPolicy("Content-Security-Policy-Foo"));
        assertFalse(OneHeaderFacesContext.isPolicy("X-Content-Security-Policy-Note"));
        assertFalse(OneHeaderFacesContext.isPolicy("Cache-Control"));
        assertFalse(OneHeaderFacesContext.isPolicy(null));
    }
}
