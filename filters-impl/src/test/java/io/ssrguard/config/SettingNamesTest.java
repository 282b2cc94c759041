package io.ssrguard.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.tiers.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SettingNamesTest {

    private final SettingNames pack = SettingNames.ofPack();

    @Test
    void everyPropertyOfThePackIsKnownInEveryForm() {
        for (String name : List.of(SsrGuardProperties.CSRF_ENABLED, SsrGuardProperties.AUTH_BEARER_ENABLED,
                SsrGuardProperties.OIDC_CLIENT_SECRET, SsrGuardProperties.PUBLIC_ORIGINS, SsrGuardProperties.PROFILE)) {
            assertTrue(pack.known(name), name);
        }
        assertTrue(pack.known("%prod.ssrguard.auth.issuer"), "a profile-specific value");
        assertTrue(pack.known("SSRGUARD_KEYS_JWKS"), "the environment form");
        assertTrue(pack.known("SSRGUARD_CSRF_KEY_FILE"), "a dash maps to _ as well");
        assertTrue(pack.known("ssrguard_csrf_key_file"), "MicroProfile also maps the lower-case form");
        assertTrue(pack.known("_PROD_SSRGUARD_CSRF_ENABLED"), "a profile-specific environment variable");
    }

    @Test
    void membersOfAFamilyAreKnownButItsBarePrefixIsNot() {
        assertTrue(pack.known(SsrGuardProperties.CSP_HTTP_HEADER_PREFIX + "Authorization"));
        assertTrue(pack.known("%prod." + SsrGuardProperties.CSP_HTTP_HEADER_PREFIX + "X-Api-Key"));
        assertTrue(pack.known("SSRGUARD_CSP_HTTP_HEADER_AUTHORIZATION"));
        assertFalse(pack.known(SsrGuardProperties.CSP_HTTP_HEADER_PREFIX));
        assertFalse(pack.known("SSRGUARD_CSP_HTTP_HEADER_"));
    }

    @Test
    void aMisspeltNameIsRefusedNamingTheClosestKnownName() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> pack.requireKnown(List.of("ssrguard.csrf.enabeld", "ssrguard.auth.issuer")));
        assertTrue(e.getMessage().startsWith("unknown setting ssrguard.csrf.enabeld — did you mean ssrguard.csrf.enabled?"),
                e.getMessage());
        assertFalse(e.getMessage().contains("ssrguard.auth.issuer"), "a known name is not reported: " + e.getMessage());
    }

    @Test
    void everyUnknownNameIsInOneMessage() {
        SettingsException e = assertThrows(SettingsException.class, () -> pack.requireKnown(List.of(
                "ssrguard.gate.enabled", "ssrguard.csp.polcy", "%prod.ssrguard.auth.isuer", "SSRGUARD_GUARD_SECRET",
                "_DEV_SSRGUARD_HEADERS_HTS")));
        String m = e.getMessage();
        assertTrue(m.startsWith("unknown settings "), m);
        assertTrue(m.contains("ssrguard.csp.polcy — did you mean ssrguard.csp.policy?"), m);
        assertTrue(m.contains("%prod.ssrguard.auth.isuer — did you mean %prod.ssrguard.auth.issuer?"), m);
        assertTrue(m.contains("SSRGUARD_GUARD_SECRET — did you mean SSRGUARD_GUARD_SECRETS (ssrguard.guard.secrets)?"), m);
        assertTrue(m.contains("_DEV_SSRGUARD_HEADERS_HTS — did you mean _DEV_SSRGUARD_HEADERS_HSTS (ssrguard.headers.hsts)?"), m);
    }

    @Test
    void theClosestNameOfAFamilyKeepsTheMembersOwnSuffix() {
        assertEquals("ssrguard.csp.http.header.Authorization", pack.closest("ssrguard.csp.http.headr.Authorization"));
        assertEquals("SSRGUARD_CSP_HTTP_HEADER_AUTHORIZATION (ssrguard.csp.http.header.AUTHORIZATION)",
                pack.closest("SSRGUARD_CSP_HTTP_HEADR_AUTHORIZATION"));
    }

    @Test
    void letterCaseMattersBecauseMicroProfileLooksNamesUpExactly() {
        assertFalse(pack.known("ssrguard.CSRF.enabled"));
        assertEquals("ssrguard.csrf.enabled", pack.closest("ssrguard.CSRF.enabled"));
    }

    @Test
    void onlyThePacksNamespaceIsChecked() {
        for (String ours : List.of("ssrguard.x", "SSRGuard.csrf.enabled", "%dev.ssrguard.x", "SSRGUARD_X", "ssrguard_x",
                "_DEV_SSRGUARD_X")) {
            assertTrue(SettingNames.inNamespace(ours), ours);
        }
        for (String theirs : List.of("mp.config.profile", "PATH", "ssrguardian.x", "java.home", "%dev.app.ssrguard.x",
                "MY_SSRGUARD_X")) {
            assertFalse(SettingNames.inNamespace(theirs), theirs);
        }
        assertDoesNotThrow(() -> pack.requireKnown(List.of()));
    }

    @Test
    void everyNameThePackBuildsOrWritesOutIsKnown() throws IOException {
        for (Feature feature : Feature.values()) {
            assertTrue(pack.known(feature.enabledProperty()), feature.enabledProperty());
        }
        // A name written out in the code instead of taken from SsrGuardProperties would be refused at start.
        Pattern literal = Pattern.compile("\"(ssrguard\\.[A-Za-z0-9.-]+)\"");
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = literal.matcher(Files.readString(source));
                while (m.find()) {
                    assertTrue(pack.known(m.group(1)), m.group(1) + " in " + source);
                }
            }
        }
    }

    @Test
    void distanceCountsASwapOfNeighboursOnce() {
        assertEquals(1, SettingNames.distance("enabeld", "enabled"));
        assertEquals(1, SettingNames.distance("enabld", "enabled"));
        assertEquals(0, SettingNames.distance("same", "same"));
        assertEquals(3, SettingNames.distance("", "abc"));
    }
}
