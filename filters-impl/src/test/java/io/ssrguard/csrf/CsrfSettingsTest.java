package io.ssrguard.csrf;

import static io.ssrguard.config.SsrGuardProperties.CSRF_ENABLED;
import static io.ssrguard.config.SsrGuardProperties.CSRF_EXEMPT_PATHS;
import static io.ssrguard.config.SsrGuardProperties.CSRF_HEADER_NAME;
import static io.ssrguard.config.SsrGuardProperties.CSRF_SAME_SITE;
import static io.ssrguard.config.SsrGuardProperties.CSRF_SSR_TOKEN_TTL;
import static io.ssrguard.config.SsrGuardProperties.CSRF_TOKEN_TTL;
import static io.ssrguard.config.SsrGuardProperties.CSRF_TRUSTED_ORIGINS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsrfSettingsTest {

    static CsrfSettings load(MapSettings s) {
        return CsrfSettings.load(s.reader());
    }

    static void failsNaming(String property, MapSettings s) {
        SettingsException e = assertThrows(SettingsException.class, () -> load(s));
        assertTrue(e.getMessage().contains(property), e.getMessage());
    }

    @Test
    void defaults() {
        CsrfSettings s = load(MapSettings.profile("prod"));
        assertTrue(s.enabled());
        assertEquals("ssrguard-csrf", s.cookieName());
        assertEquals("Lax", s.sameSite());
        assertEquals("X-XSRF-TOKEN", s.headerName());
        assertEquals("X-SSR-CSRF", s.ssrHeaderName());
        assertEquals(Duration.ofHours(24), s.clientTtl());
        assertEquals(Duration.ofSeconds(60), s.ssrTtl());
        assertEquals(Duration.ofSeconds(5), s.clockSkew());
        assertEquals(List.of(), s.exemptPaths());
        assertEquals(List.of(), s.trustedOrigins());
        assertEquals("/auth/csrf", s.endpointPath());
    }

    @Test
    void enabledByDefaultFollowsTheEnvironmentTable() {
        assertFalse(load(MapSettings.profile("dev")).enabled());
        assertFalse(load(MapSettings.profile("docker")).enabled());
        assertTrue(load(MapSettings.profile("test")).enabled());
        assertTrue(load(MapSettings.profile("prod")).enabled());
        assertTrue(load(MapSettings.profile(null)).enabled(), "no profile: fail closed");
        assertTrue(load(MapSettings.profile("dev").with(CSRF_ENABLED, "true")).enabled());
        assertFalse(load(MapSettings.profile("prod").with(CSRF_ENABLED, "false")).enabled());
    }

    @Test
    void exemptPathsAreExactOrPrefixes() {
        CsrfSettings s = load(MapSettings.profile("prod").with(CSRF_EXEMPT_PATHS, "/hooks/pay, /public/*"));
        assertTrue(s.exempt("/hooks/pay"));
        assertFalse(s.exempt("/hooks/pay/more"));
        assertFalse(s.exempt("/hooks/payx"));
        assertTrue(s.exempt("/public"));
        assertTrue(s.exempt("/public/a/b"));
        assertFalse(s.exempt("/publicity"));
        assertFalse(s.exempt("/api/notes"));
    }

    @Test
    void theCspReportCollectorNeedsNoToken() {
        CsrfSettings s = load(MapSettings.profile("prod").with(CSRF_EXEMPT_PATHS, "/hooks/pay")
                .with(io.ssrguard.config.SsrGuardProperties.CSP_REPORT_PATH, "/csp-report"));
        assertTrue(s.exempt("/csp-report"), "browsers post reports without a token");
        assertTrue(s.exempt("/hooks/pay"));
        assertFalse(s.exempt("/csp-report/more"));
        assertFalse(load(MapSettings.profile("prod")).exempt("/csp-report"), "only when a report path is configured");
    }

    @Test
    void malformedSettingsFailNamingTheProperty() {
        failsNaming(CSRF_EXEMPT_PATHS, MapSettings.profile("prod").with(CSRF_EXEMPT_PATHS, "hooks"));
        failsNaming(CSRF_EXEMPT_PATHS, MapSettings.profile("prod").with(CSRF_EXEMPT_PATHS, "/a*b"));
        failsNaming(CSRF_EXEMPT_PATHS, MapSettings.profile("prod").with(CSRF_EXEMPT_PATHS, "/*"));
        failsNaming(CSRF_TRUSTED_ORIGINS, MapSettings.profile("prod").with(CSRF_TRUSTED_ORIGINS, "app.example.com"));
        failsNaming(CSRF_SAME_SITE, MapSettings.profile("prod").with(CSRF_SAME_SITE, "None"));
        failsNaming(CSRF_TOKEN_TTL, MapSettings.profile("prod").with(CSRF_TOKEN_TTL, "0"));
        failsNaming(CSRF_SSR_TOKEN_TTL, MapSettings.profile("prod").with(CSRF_SSR_TOKEN_TTL, "soon"));
        failsNaming(CSRF_HEADER_NAME, MapSettings.profile("prod").with(CSRF_HEADER_NAME, "X Token"));
        failsNaming(CSRF_ENABLED, MapSettings.profile("prod").with(CSRF_ENABLED, "yes"));
    }

    @Test
    void trustedOriginsAreNormalised() {
        CsrfSettings s = load(MapSettings.profile("prod").with(CSRF_TRUSTED_ORIGINS, "HTTPS://App.Example.com:443/"));
        assertEquals("https://app.example.com", s.trustedOrigins().get(0).toString());
    }
}
