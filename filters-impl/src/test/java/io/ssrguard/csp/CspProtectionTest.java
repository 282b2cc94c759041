package io.ssrguard.csp;

import io.ssrguard.http.FakeHttp;

import static io.ssrguard.config.SsrGuardProperties.CSP_JDBC_DATASOURCE;
import static io.ssrguard.config.SsrGuardProperties.CSP_POLICY;
import static io.ssrguard.config.SsrGuardProperties.CSP_REPORT_ONLY;
import static io.ssrguard.config.SsrGuardProperties.CSP_REPORT_PATH;
import static io.ssrguard.config.SsrGuardProperties.CSP_SOURCE;
import static io.ssrguard.config.SsrGuardProperties.PROXY_TRUSTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CspProtectionTest {

    @Test
    void configSourceIsReadAgainOnRefreshSoADynamicConfigChangeApplies() {
        MapSettings config = MapSettings.profile("prod").with(CSP_POLICY, "default-src 'self'");
        CspProtection csp = CspProtection.start(config.reader(), "", Clock.systemUTC(), name -> null);
        try {
            assertEquals("Content-Security-Policy", csp.headerName());
            assertEquals("default-src 'self'; script-src 'self' 'nonce-abc'; style-src 'self' 'nonce-abc'",
                    csp.headerValue("abc"));
            config.with(CSP_POLICY, "default-src 'self' https://cdn.example");
            csp.policy().orElseThrow().refresh();
            assertTrue(csp.headerValue("abc").startsWith("default-src 'self' https://cdn.example;"), csp.headerValue("abc"));
        } finally {
            csp.stop();
        }
    }

    @Test
    void unsetPolicyStartsOnTheFallbackInsteadOfNoPolicy() {
        CspProtection csp = CspProtection.start(MapSettings.profile("prod").reader(), "", Clock.systemUTC(), name -> null);
        try {
            assertEquals(CachingPolicy.Status.FALLBACK, csp.policy().orElseThrow().status());
            assertTrue(csp.headerValue("n").startsWith(CspSettings.BUILT_IN_FALLBACK), csp.headerValue("n"));
        } finally {
            csp.stop();
        }
    }

    @Test
    void reportOnlyAndReportingEndpointsFollowTheSettings() {
        CspProtection csp = CspProtection.start(MapSettings.profile("prod").with(CSP_POLICY, "img-src *")
                .with(CSP_REPORT_ONLY, "true").with(CSP_REPORT_PATH, "/csp-report").reader(), "/shop",
                Clock.systemUTC(), name -> null);
        try {
            assertEquals("Content-Security-Policy-Report-Only", csp.headerName());
            assertEquals("ssrguard-csp=\"/shop/csp-report\"", csp.reportingEndpoints());
            assertEquals("img-src *; report-uri /shop/csp-report; report-to ssrguard-csp", csp.headerValue("n"));
        } finally {
            csp.stop();
        }
    }

    /** The headers {@link CspProtection#applyTo} sets on one response. */
    private static FakeHttp.Response applied(CspProtection csp, FakeHttp.Request request) {
        FakeHttp.Response response = new FakeHttp.Response();
        csp.applyTo(request.build(), response.build());
        return response;
    }

    @Test
    void aPageOverPlainHttpGetsReportUriOnlySoChromiumReportsAndHttpsGetsReportToToo() {
        CspProtection csp = CspProtection.start(MapSettings.profile("prod").with(CSP_POLICY, "img-src *")
                .with(CSP_REPORT_PATH, "/csp-report").with(PROXY_TRUSTED, "10.0.0.0/8").reader(), "/shop",
                Clock.systemUTC(), name -> null);
        try {
            FakeHttp.Request plain = new FakeHttp.Request();
            plain.scheme = "http";
            plain.serverName = "localhost";
            plain.serverPort = 8080;
            FakeHttp.Response overHttp = applied(csp, plain);
            assertEquals(List.of("img-src *; report-uri /shop/csp-report"), overHttp.headers("Content-Security-Policy"));
            assertEquals(List.of(), overHttp.headers("Reporting-Endpoints"));

            List<String> both = List.of("img-src *; report-uri /shop/csp-report; report-to ssrguard-csp");
            FakeHttp.Response direct = applied(csp, new FakeHttp.Request());
            assertEquals(both, direct.headers("Content-Security-Policy"));
            assertEquals(List.of("ssrguard-csp=\"/shop/csp-report\""), direct.headers("Reporting-Endpoints"));

            // Behind a proxy that terminates TLS the container sees http, the browser https.
            FakeHttp.Request proxied = new FakeHttp.Request().header("X-Forwarded-Proto", "https");
            proxied.scheme = "http";
            proxied.serverPort = 8080;
            proxied.remoteAddr = "10.0.0.5";
            FakeHttp.Response viaProxy = applied(csp, proxied);
            assertEquals(both, viaProxy.headers("Content-Security-Policy"));
            assertEquals(List.of("ssrguard-csp=\"/shop/csp-report\""), viaProxy.headers("Reporting-Endpoints"));

            // The same header from a peer that is not a trusted proxy: its word does not count.
            FakeHttp.Request claimed = new FakeHttp.Request().header("X-Forwarded-Proto", "https");
            claimed.scheme = "http";
            claimed.serverPort = 8080;
            FakeHttp.Response untrusted = applied(csp, claimed);
            assertEquals(List.of("img-src *; report-uri /shop/csp-report"), untrusted.headers("Content-Security-Policy"));
            assertEquals(List.of(), untrusted.headers("Reporting-Endpoints"));
        } finally {
            csp.stop();
        }
    }

    @Test
    void jdbcSourceWhoseDataSourceCannotBeFoundStopsTheDeployment() {
        MapSettings config = MapSettings.profile("prod").with(CSP_SOURCE, "jdbc").with(CSP_JDBC_DATASOURCE, "jdbc/missing");
        SettingsException e = assertThrows(SettingsException.class,
                () -> CspProtection.start(config.reader(), "", Clock.systemUTC(), name -> {
                    throw new IllegalStateException("no such name " + name);
                }));
        assertTrue(e.getMessage().contains(CSP_JDBC_DATASOURCE), e.getMessage());
        assertThrows(SettingsException.class, () -> CspProtection.start(config.reader(), "", Clock.systemUTC(), name -> null));
    }

    @Test
    void disabledFeatureStartsNothing() {
        CspProtection csp = CspProtection.start(MapSettings.profile("dev").reader(), "", Clock.systemUTC(), name -> {
            throw new AssertionError("no lookup when off");
        });
        assertFalse(csp.enabled());
        assertEquals(Optional.empty(), csp.policy());
        assertNull(csp.reportingEndpoints());
        csp.stop();
    }

    @Test
    void isFoundThroughTheServletContextOnceAttached() {
        Map<String, Object> attributes = new HashMap<>();
        var context = FakeHttp.context(attributes);
        assertEquals(Optional.empty(), CspProtection.of(context));
        CspProtection csp = CspProtection.start(MapSettings.profile("dev").reader(), "", Clock.systemUTC(), name -> null);
        csp.attachTo(context);
        assertEquals(Optional.of(csp), CspProtection.of(context));
    }
}
