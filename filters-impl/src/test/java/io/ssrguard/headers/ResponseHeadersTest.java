package io.ssrguard.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SsrGuardProperties;
import io.ssrguard.csp.CspAttributes;
import io.ssrguard.csp.CspProtection;
import io.ssrguard.http.FakeHttp;
import io.ssrguard.http.OriginResolver;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResponseHeadersTest {

    static SecurityHeaders security() {
        MapSettings s = MapSettings.profile("prod");
        return SecurityHeaders.load(s.reader(), OriginResolver.load(s.reader()));
    }

    static CspProtection csp(String policy) {
        return CspProtection.start(MapSettings.profile("prod").with(SsrGuardProperties.CSP_POLICY, policy).reader(), "",
                Clock.systemUTC(), name -> null);
    }

    static FakeHttp.Response apply(ResponseHeaders headers, FakeHttp.Request request) {
        FakeHttp.Response response = new FakeHttp.Response();
        headers.applyTo(request.build(), response.build());
        return response;
    }

    @Test
    void securityHeadersAloneIncludeFrameOptionsAndHstsOverHttps() {
        FakeHttp.Response r = apply(new ResponseHeaders(Optional.of(security()), Optional.empty()), new FakeHttp.Request());
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        assertEquals("DENY", r.header("X-Frame-Options"));
        assertNotNull(r.header("Strict-Transport-Security"));
        assertNull(r.header("Content-Security-Policy"));
    }

    @Test
    void aCspThatGovernsFramingReplacesFrameOptionsAndCarriesTheRequestsNonce() {
        CspProtection csp = csp("default-src 'self'; frame-ancestors 'none'");
        try {
            FakeHttp.Request request = new FakeHttp.Request();
            FakeHttp.Response r = apply(new ResponseHeaders(Optional.of(security()), Optional.of(csp)), request);
            assertNull(r.header("X-Frame-Options"), "frame-ancestors governs framing");
            String nonce = (String) request.attributes.get(CspAttributes.NONCE);
            assertNotNull(nonce);
            assertTrue(r.header("Content-Security-Policy").contains("'nonce-" + nonce + "'"),
                    r.header("Content-Security-Policy"));
        } finally {
            csp.stop();
        }
    }

    @Test
    void aCspWithoutFrameAncestorsKeepsFrameOptions() {
        CspProtection csp = csp("default-src 'self'");
        try {
            FakeHttp.Response r = apply(new ResponseHeaders(Optional.of(security()), Optional.of(csp)), new FakeHttp.Request());
            assertEquals("DENY", r.header("X-Frame-Options"));
            assertNotNull(r.header("Content-Security-Policy"));
        } finally {
            csp.stop();
        }
    }

    @Test
    void withBothOffNothingIsSet() {
        FakeHttp.Response r = apply(new ResponseHeaders(Optional.empty(), Optional.empty()), new FakeHttp.Request());
        assertTrue(r.headers.isEmpty(), r.headers.toString());
    }
}
