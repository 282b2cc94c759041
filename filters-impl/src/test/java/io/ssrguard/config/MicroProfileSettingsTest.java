package io.ssrguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/** Against SmallRye Config, the implementation the Tomcat flavour bundles (and WildFly runs). */
class MicroProfileSettingsTest {

    private static Config config(Map<String, String> properties, Map<String, String> environment) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "microprofile-config.properties", 100))
                .withSources(new EnvConfigSource(environment, 300))
                .build();
    }

    @Test
    void namesAreListedAsEachSourceWritesThemAndOnlyThePacks() {
        Config config = config(
                Map.of("ssrguard.auth.issuer", "shop", "%prod.ssrguard.csrf.enabeld", "true", "shop.page-size", "20"),
                Map.of("SSRGUARD_CSRF_KEY_FILE", "/run/secrets/csrf", "_PROD_SSRGUARD_GATE_ENABLD", "true",
                        "PATH", "/usr/bin"));

        // SmallRye also lists each variable lower-cased with dots (ssrguard.csrf.key.file): not a name anyone wrote.
        assertEquals(Set.of("ssrguard.auth.issuer", "%prod.ssrguard.csrf.enabeld", "SSRGUARD_CSRF_KEY_FILE",
                "_PROD_SSRGUARD_GATE_ENABLD"), new MicroProfileSettings(config).names());
    }

    @Test
    void aMisspeltNameInAnySourceIsRefusedWithItsClosestName() {
        Config config = config(Map.of("%prod.ssrguard.csrf.enabeld", "true"), Map.of("SSRGUARD_GATE_ENABLD", "true"));

        SettingsException e = assertThrows(SettingsException.class,
                () -> SettingNames.ofPack().requireKnown(new MicroProfileSettings(config).names()));
        assertTrue(e.getMessage().contains("%prod.ssrguard.csrf.enabeld — did you mean %prod.ssrguard.csrf.enabled?"),
                e.getMessage());
        assertTrue(e.getMessage().contains("SSRGUARD_GATE_ENABLD — did you mean SSRGUARD_GATE_ENABLED"), e.getMessage());
    }

    @Test
    void theEnvironmentFormTheCheckAcceptsIsTheOneMicroProfileReads() {
        Config config = config(Map.of(), Map.of("SSRGUARD_CSRF_KEY_FILE", "/run/secrets/csrf"));
        MicroProfileSettings settings = new MicroProfileSettings(config);

        assertEquals("/run/secrets/csrf", settings.value(SsrGuardProperties.CSRF_KEY_FILE).orElseThrow());
        assertTrue(SettingNames.ofPack().known(settings.names().iterator().next()));
    }

    @Test
    void booleansReadThroughMicroProfileAreParsedStrictly() {
        SettingsReader reader = new SettingsReader(new MicroProfileSettings(
                config(Map.of(SsrGuardProperties.AUTH_ENABLED, "flase"), Map.of())));

        SettingsException e = assertThrows(SettingsException.class, () -> reader.bool(SsrGuardProperties.AUTH_ENABLED, true));
        assertTrue(e.getMessage().contains("ssrguard.auth.enabled must be true or false, not 'flase'"), e.getMessage());
    }
}
