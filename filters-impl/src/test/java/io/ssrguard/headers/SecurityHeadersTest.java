package io.ssrguard.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SsrGuardProperties;
import io.ssrguard.http.FakeHttp;
import io.ssrguard.http.OriginResolver;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

    static SecurityHeaders load(MapSettings s) {
        return SecurityHeaders.load(s.reader(), OriginResolver.load(s.reader()));
    }

    static FakeHttp.Response apply(SecurityHeaders headers, FakeHttp.Request request, boolean cspCoversFraming) {
        FakeHttp.Response response = new FakeHttp.Response();
        headers.applyTo(request.build(), response.build(), cspCoversFraming);
        return response;
    }

    @Test
    void defaultsAreSentOnEveryResponseAndHstsOverHttps() {
        FakeHttp.Response r = apply(load(MapSettings.profile("prod")), new FakeHttp.Request(), false);
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        assertEquals("strict-origin-when-cross-origin", r.header("Referrer-Policy"));
        assertEquals("camera=(), microphone=(), geolocation=(), payment=(), usb=()", r.header("Permissions-Policy"));
        assertEquals("same-origin", r.header("Cross-Origin-Opener-Policy"));
        assertEquals("same-origin", r.header("Cross-Origin-Resource-Policy"));
        assertEquals("DENY", r.header("X-Frame-Options"));
        assertEquals("max-age=31536000; includeSubDomains", r.header("Strict-Transport-Security"));
    }

    @Test
    void hstsIsNotSentOverPlainHttpFromAnUntrustedClient() {
        FakeHttp.Request http = new FakeHttp.Request();
        http.scheme = "http";
        http.serverPort = 80;
        http.header("X-Forwarded-Proto", "https"); // not from a trusted proxy: ignored
        FakeHttp.Response r = apply(load(MapSettings.profile("prod")), http, false);
        assertNull(r.header("Strict-Transport-Security"));
        assertEquals("nosniff", r.header("X-Content-Type-Options"), "the others still are");
    }

    @Test
    void aConfiguredPublicHttpsOriginCountsAsHttpsBehindAProxy() {
        FakeHttp.Request http = new FakeHttp.Request();
        http.scheme = "http";
        http.serverPort = 8080;
        FakeHttp.Response r = apply(load(MapSettings.profile("prod")
                .with(SsrGuardProperties.PUBLIC_ORIGINS, "https://shop.example.com")), http, false);
        assertEquals("max-age=31536000; includeSubDomains", r.header("Strict-Transport-Security"));
    }

    @Test
    void aCspThatCoversFramingLeavesFrameOptionsOut() {
        assertNull(apply(load(MapSettings.profile("prod")), new FakeHttp.Request(), true).header("X-Frame-Options"));
    }

    @Test
    void offSwitchesOneHeaderOffAndAValueIsSentAsConfigured() {
        FakeHttp.Response r = apply(load(MapSettings.profile("prod")
                .with(SsrGuardProperties.HEADERS_HSTS, "OFF")
                .with(SsrGuardProperties.HEADERS_FRAME_OPTIONS, "off")
                .with(SsrGuardProperties.HEADERS_NOSNIFF, "false")
                .with(SsrGuardProperties.HEADERS_REFERRER_POLICY, "no-referrer")
                .with(SsrGuardProperties.HEADERS_COOP, "off")), new FakeHttp.Request(), false);
        assertNull(r.header("Strict-Transport-Security"));
        assertNull(r.header("X-Frame-Options"));
        assertNull(r.header("X-Content-Type-Options"));
        assertNull(r.header("Cross-Origin-Opener-Policy"));
        assertEquals("no-referrer", r.header("Referrer-Policy"));
        assertEquals("same-origin", r.header("Cross-Origin-Resource-Policy"));
    }

    @Test
    void aValueWithAControlCharacterStopsTheStartNamingTheProperty() {
        SettingsException e = assertThrows(SettingsException.class, () -> load(MapSettings.profile("prod")
                .with(SsrGuardProperties.HEADERS_REFERRER_POLICY, "no-referrer\r\nSet-Cookie: x=1")));
        assertTrue(e.getMessage().contains(SsrGuardProperties.HEADERS_REFERRER_POLICY), e.getMessage());
    }
}
