package io.ssrguard.csrf;

import static io.ssrguard.csrf.CsrfFixture.UA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CsrfTokenIssuerTest {

    final CsrfFixture f = new CsrfFixture();
    final CsrfTokenIssuer issuer = f.protection.issuer();

    @Test
    void freshTokenComesWithAnHttpOnlyPrefixedCookie() throws Exception {
        IssuedCsrfToken t = issuer.fresh(UA, "fam-a");
        assertEquals("__Host-ssrguard-csrf=" + t.token() + "; Path=/; Max-Age=86400; Secure; HttpOnly; SameSite=Lax",
                t.setCookie());
        assertEquals("X-XSRF-TOKEN", t.headerName());
        f.protection.verifier().verifyClient(t.token(), t.token(), UA, "fam-a");
    }

    @Test
    void currentReusesAGoodYoungCookieSoOtherTabsKeepWorking() {
        String existing = issuer.fresh(UA, "fam-a").token();
        f.clock.advance(Duration.ofHours(11));
        IssuedCsrfToken t = issuer.current(existing, UA, "fam-a");
        assertEquals(existing, t.token());
        assertNull(t.setCookie(), "no cookie rewrite");
    }

    @Test
    void currentReplacesAnOldForeignOrBrokenCookie() {
        String existing = issuer.fresh(UA, "fam-a").token();
        assertNotEquals(existing, issuer.current(existing, UA, "fam-b").token(), "other session");
        assertNotEquals(existing, issuer.current(existing, UA, null).token(), "after logout");
        assertNotEquals(existing, issuer.current(existing, "Other/1.0", "fam-a").token(), "other browser");
        assertTrue(issuer.current("garbage", UA, null).newCookie());
        assertTrue(issuer.current(null, UA, null).newCookie());
        f.clock.advance(Duration.ofHours(12));
        assertTrue(issuer.current(existing, UA, "fam-a").newCookie(), "second half of its life");
    }

    @Test
    void ssrTokenIsAnSsrToken() throws Exception {
        String t = issuer.ssr(UA, "fam-a");
        assertEquals(CsrfPurpose.SSR, f.protection.verifier().verifySsr(t, UA, "fam-a").purpose());
    }
}
