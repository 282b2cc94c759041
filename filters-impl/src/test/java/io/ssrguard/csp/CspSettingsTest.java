package io.ssrguard.csp;

import static io.ssrguard.config.SsrGuardProperties.CSP_ENABLED;
import static io.ssrguard.config.SsrGuardProperties.CSP_FALLBACK_POLICY;
import static io.ssrguard.config.SsrGuardProperties.CSP_FILE_PATH;
import static io.ssrguard.config.SsrGuardProperties.CSP_HTTP_CONNECT_TIMEOUT;
import static io.ssrguard.config.SsrGuardProperties.CSP_HTTP_HEADERS;
import static io.ssrguard.config.SsrGuardProperties.CSP_HTTP_HEADER_PREFIX;
import static io.ssrguard.config.SsrGuardProperties.CSP_HTTP_JSON_FIELD;
import static io.ssrguard.config.SsrGuardProperties.CSP_HTTP_URL;
import static io.ssrguard.config.SsrGuardProperties.CSP_JDBC_DATASOURCE;
import static io.ssrguard.config.SsrGuardProperties.CSP_MAX_LENGTH;
import static io.ssrguard.config.SsrGuardProperties.CSP_NONCE_DIRECTIVES;
import static io.ssrguard.config.SsrGuardProperties.CSP_REPORT_MAX_KINDS;
import static io.ssrguard.config.SsrGuardProperties.CSP_REPORT_PATH;
import static io.ssrguard.config.SsrGuardProperties.CSP_REPORT_SUMMARY_PATH;
import static io.ssrguard.config.SsrGuardProperties.CSP_REPORT_RATE_LIMIT;
import static io.ssrguard.config.SsrGuardProperties.CSP_REPORT_TO;
import static io.ssrguard.config.SsrGuardProperties.CSP_REPORT_URI;
import static io.ssrguard.config.SsrGuardProperties.CSP_SOURCE;
import static io.ssrguard.config.SsrGuardProperties.CSP_STALE_WINDOW;
import static io.ssrguard.config.SsrGuardProperties.CSP_TTL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CspSettingsTest {

    static CspSettings load(MapSettings s) {
        return CspSettings.load(s.reader(), "/shop").orElseThrow();
    }

    static boolean on(MapSettings s) {
        return CspSettings.load(s.reader(), "/shop").isPresent();
    }

    @Test
    void defaultsAreStrictAndConfigSourced() {
        CspSettings s = load(MapSettings.profile("prod"));
        assertEquals(new CspSettings.Source.Config(), s.source());
        assertEquals(Duration.ofMinutes(5), s.ttl());
        assertEquals(Duration.ofHours(1), s.staleWindow());
        assertEquals(CspSettings.BUILT_IN_FALLBACK, s.fallbackPolicy());
        assertEquals(List.of("script-src", "style-src"), s.nonceDirectives());
        assertFalse(s.reportOnly());
        assertEquals(Optional.empty(), s.reportUri());
        assertEquals(Optional.empty(), s.reportTo());
    }

    @Test
    void offByDefaultInDevAndDockerOnlyAndThenNothingElseIsRead() {
        assertFalse(on(MapSettings.profile("dev")));
        assertFalse(on(MapSettings.profile("docker")));
        assertTrue(on(MapSettings.profile("test")));
        assertTrue(on(MapSettings.profile(null)));
        assertTrue(on(MapSettings.profile("dev").with(CSP_ENABLED, "true")));
        assertFalse(on(MapSettings.profile("prod").with(CSP_ENABLED, "false").with(CSP_SOURCE, "http")));
    }

    @Test
    void httpSourceSettingsAreReadWithHeaderValuesKeptOutOfToString() {
        CspSettings s = load(MapSettings.profile("prod")
                .with(CSP_SOURCE, "HTTP")
                .with(CSP_HTTP_URL, "https://cms.example/api/csp?locale=en")
                .with(CSP_HTTP_CONNECT_TIMEOUT, "PT0.5S")
                .with(CSP_HTTP_JSON_FIELD, "data.csp")
                .with(CSP_HTTP_HEADERS, "Authorization, X-Site")
                .with(CSP_HTTP_HEADER_PREFIX + "Authorization", "Bearer top-secret")
                .with(CSP_HTTP_HEADER_PREFIX + "X-Site", "www"));
        CspSettings.Source.Http http = (CspSettings.Source.Http) s.source();
        assertEquals("http", http.kind());
        assertEquals(URI.create("https://cms.example/api/csp?locale=en"), http.url());
        assertEquals(Duration.ofMillis(500), http.connectTimeout());
        assertEquals(Duration.ofSeconds(2), http.readTimeout());
        assertEquals(Optional.of("data.csp"), http.jsonField());
        assertEquals(Map.of("Authorization", "Bearer top-secret", "X-Site", "www"), http.headers());
        assertFalse(s.toString().contains("top-secret"), s.toString());
        assertFalse(s.toString().contains("locale=en"), "the query may hold a token: " + s);
        assertTrue(s.toString().contains("Authorization"), s.toString());
    }

    @Test
    void reportUriDefaultsToTheCollectorUnderTheContextPathWithAReportToGroup() {
        CspSettings s = load(MapSettings.profile("prod").with(CSP_REPORT_PATH, "/csp-report"));
        assertEquals(Optional.of("/csp-report"), s.reportPath());
        assertEquals(Optional.of("/shop/csp-report"), s.reportUri());
        assertEquals(Optional.of("ssrguard-csp"), s.reportTo());
        CspSettings external = load(MapSettings.profile("prod").with(CSP_REPORT_URI, "https://r.example/csp")
                .with(CSP_REPORT_TO, "csp"));
        assertEquals(Optional.empty(), external.reportPath());
        assertEquals(Optional.of("https://r.example/csp"), external.reportUri());
        assertEquals(Optional.of("csp"), external.reportTo());
    }

    @Test
    void badSettingsFailNamingTheProperty() {
        String[][] cases = {
                {CSP_SOURCE, "cms"},
                {CSP_TTL, "0"},
                {CSP_TTL, "soon"},
                {CSP_STALE_WINDOW, "-PT1M"},
                {CSP_FALLBACK_POLICY, "default-src *\r\nX-Evil: 1"},
                {CSP_FALLBACK_POLICY, "defualt-src 'self'"},
                {CSP_MAX_LENGTH, "10"},
                {CSP_MAX_LENGTH, "many"},
                {CSP_NONCE_DIRECTIVES, "img-src"},
                {CSP_HTTP_URL, "ftp://cms.example/csp"},
                {CSP_HTTP_URL, "/relative"},
                {CSP_REPORT_URI, "https://r.example/a b"},
                {CSP_REPORT_URI, "https://r.example/;script-src *"},
                {CSP_REPORT_PATH, "csp-report"},
                {CSP_REPORT_RATE_LIMIT, "0"},
                {CSP_HTTP_HEADERS, "Authorization"},
        };
        for (String[] bad : cases) {
            SettingsException e = assertThrows(SettingsException.class,
                    () -> load(MapSettings.profile("prod").with(bad[0], bad[1])), bad[0] + "=" + bad[1]);
            assertTrue(e.getMessage().contains(bad[0]), e.getMessage());
        }
    }

    @Test
    void restrictedOrInjectedRequestHeaderFailsWithoutQuotingTheValue() {
        SettingsException host = assertThrows(SettingsException.class, () -> load(MapSettings.profile("prod")
                .with(CSP_HTTP_HEADERS, "Host").with(CSP_HTTP_HEADER_PREFIX + "Host", "evil.example")));
        assertTrue(host.getMessage().contains(CSP_HTTP_HEADER_PREFIX + "Host"), host.getMessage());
        SettingsException crlf = assertThrows(SettingsException.class, () -> load(MapSettings.profile("prod")
                .with(CSP_HTTP_HEADERS, "X-Token").with(CSP_HTTP_HEADER_PREFIX + "X-Token", "secret\r\nX-Evil: 1")));
        assertFalse(crlf.getMessage().contains("secret"), crlf.getMessage());
    }

    @Test
    void eachSourceRequiresItsOwnSetting() {
        for (String[] required : new String[][] {{"file", CSP_FILE_PATH}, {"http", CSP_HTTP_URL}, {"jdbc", CSP_JDBC_DATASOURCE}}) {
            SettingsException e = assertThrows(SettingsException.class,
                    () -> load(MapSettings.profile("prod").with(CSP_SOURCE, required[0])));
            assertTrue(e.getMessage().contains(required[1]), e.getMessage());
        }
    }

    @Test
    void summaryExistsWithTheCollectorAtItsDefaultOrAnotherPathButNeverAtTheCollectors() {
        assertEquals(Optional.empty(), load(MapSettings.profile("prod")).reportSummaryPath(), "no collector, no summary");
        CspSettings s = load(MapSettings.profile("prod").with(CSP_REPORT_PATH, "/csp-report"));
        assertEquals(Optional.of("/internal/ssrguard/csp-reports"), s.reportSummaryPath());
        assertEquals(1000, s.reportMaxKinds());
        CspSettings moved = load(MapSettings.profile("prod").with(CSP_REPORT_PATH, "/csp-report")
                .with(CSP_REPORT_SUMMARY_PATH, "/ops/csp").with(CSP_REPORT_MAX_KINDS, "50"));
        assertEquals(Optional.of("/ops/csp"), moved.reportSummaryPath());
        assertEquals(50, moved.reportMaxKinds());
        SettingsException same = assertThrows(SettingsException.class, () -> load(MapSettings.profile("prod")
                .with(CSP_REPORT_PATH, "/csp-report").with(CSP_REPORT_SUMMARY_PATH, "/csp-report")));
        assertTrue(same.getMessage().contains(CSP_REPORT_SUMMARY_PATH), same.getMessage());
        assertThrows(SettingsException.class, () -> load(MapSettings.profile("prod").with(CSP_REPORT_MAX_KINDS, "0")));
    }
}
