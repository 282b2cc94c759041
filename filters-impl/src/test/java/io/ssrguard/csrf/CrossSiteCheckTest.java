package io.ssrguard.csrf;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ssrguard.http.WebOrigin;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrossSiteCheckTest {

    static final List<WebOrigin> SITE = List.of(WebOrigin.parse("https://shop.example.com").orElseThrow());
    final CrossSiteCheck check = new CrossSiteCheck(List.of(WebOrigin.parse("https://admin.example.com").orElseThrow()));

    void refused(String fetchSite, String origin, String referer) {
        CsrfRejectedException e = assertThrows(CsrfRejectedException.class,
                () -> check.check(fetchSite, origin, referer, SITE), fetchSite + " " + origin + " " + referer);
        assertEquals(CsrfRejection.CROSS_SITE, e.reason());
    }

    void passes(String fetchSite, String origin, String referer) {
        assertDoesNotThrow(() -> check.check(fetchSite, origin, referer, SITE), fetchSite + " " + origin + " " + referer);
    }

    @Test
    void crossSiteFetchMetadataIsRefusedWhateverElseTheRequestSays() {
        refused("cross-site", null, null);
        refused("cross-site", "https://shop.example.com", null);
        refused("Cross-Site", "https://admin.example.com", null);
    }

    @Test
    void sameOriginFetchMetadataPasses() {
        passes("same-origin", null, null);
        passes("same-origin", "https://shop.example.com", null);
    }

    @Test
    void sameSiteOrNoneStillNeedsAKnownOrigin() {
        refused("same-site", "https://blog.example.com", null);
        passes("same-site", "https://admin.example.com", null);
        refused("none", "https://evil.example", null);
        passes("none", "https://shop.example.com", null);
    }

    @Test
    void withoutFetchMetadataOriginMustBeThisSiteOrTrusted() {
        passes(null, "https://shop.example.com", null);
        passes(null, "https://SHOP.example.com:443", null);
        passes(null, "https://admin.example.com", null);
        refused(null, "https://evil.example", null);
        refused(null, "http://shop.example.com", null);
        refused(null, "https://shop.example.com:8443", null);
        refused(null, "https://shop.example.com.evil.example", null);
    }

    @Test
    void opaqueOrMalformedOriginIsForeign() {
        refused(null, "null", null);
        refused(null, "https://shop.example.com/path", null);
        refused(null, "https://user@shop.example.com", null);
        refused(null, "shop.example.com", null);
        refused(null, "javascript://shop.example.com", null);
        refused(null, "https://shop.example.com:99999", null);
    }

    @Test
    void originWithATrailingSlashIsMalformedNotThisSite() {
        // Browsers serialise an origin without any path; "https://shop.example.com/" is not one.
        refused(null, "https://shop.example.com/", null);
        refused("same-site", "https://shop.example.com/", null);
        refused(null, "https://shop.example.com:443/", null);
        passes(null, "https://shop.example.com", null);
    }

    @Test
    void refererIsTheFallbackWhenOriginIsAbsent() {
        passes(null, null, "https://shop.example.com/cart?x=1#y");
        refused(null, null, "https://evil.example/shop.example.com");
        refused(null, null, "not a url");
        // Origin wins over Referer.
        refused(null, "https://evil.example", "https://shop.example.com/");
    }

    @Test
    void noEvidenceAtAllPassesAndLeavesItToTheToken() {
        passes(null, null, null);
        passes(null, "", "");
    }
}
