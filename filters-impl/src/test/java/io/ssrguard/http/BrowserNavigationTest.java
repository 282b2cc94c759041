package io.ssrguard.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BrowserNavigationTest {

    static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Test
    void aPageLoadIsANavigation() {
        assertTrue(BrowserNavigation.is("GET", "navigate", BROWSER_ACCEPT));
        assertTrue(BrowserNavigation.is("HEAD", "navigate", null));
        assertTrue(BrowserNavigation.is("GET", null, BROWSER_ACCEPT), "a browser without Fetch Metadata");
    }

    @Test
    void scriptsAndClientsAreNot() {
        assertFalse(BrowserNavigation.is("GET", "cors", BROWSER_ACCEPT), "fetch() asking for HTML is still a script");
        assertFalse(BrowserNavigation.is("GET", "same-origin", "text/html"));
        assertFalse(BrowserNavigation.is("GET", "no-cors", null));
        assertFalse(BrowserNavigation.is("GET", null, "application/json"));
        assertFalse(BrowserNavigation.is("GET", null, null), "curl, a client library");
        assertFalse(BrowserNavigation.is("POST", "navigate", BROWSER_ACCEPT), "a form post is not sent to sign in");
        assertFalse(BrowserNavigation.is("DELETE", null, "text/html"));
    }
}
