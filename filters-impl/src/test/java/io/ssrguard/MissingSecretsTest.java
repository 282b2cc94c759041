package io.ssrguard;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.keys.EncryptionKeys;
import io.ssrguard.tiers.EnvironmentTiers;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class MissingSecretsTest {

    static final String JWKS = "{\"keys\":[]}";
    static final String AES = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";

    static SettingsException refused(MapSettings settings, boolean vault) {
        SettingsReader reader = settings.reader();
        return assertThrows(SettingsException.class, () -> MissingSecrets.check(reader, EnvironmentTiers.load(reader), vault));
    }

    @Test
    void everyMissingSecretIsNamedInOneMessage() {
        String message = refused(MapSettings.profile("prod")
                .with("ssrguard.csrf.enabled", "true").with("ssrguard.guard.enabled", "true")
                .with("ssrguard.guard.paths", "/internal/*").with("ssrguard.refresh.store", "jdbc"), false).getMessage();
        assertTrue(message.startsWith("4 secrets are missing (profile prod)"), message);
        for (String property : new String[] {"ssrguard.keys.jwks", "ssrguard.csrf.keys", "ssrguard.refresh.secret",
                "ssrguard.guard.secrets"}) {
            assertTrue(message.contains(property), property + " in: " + message);
        }
        assertTrue(message.contains("java -jar filters-impl-<version>.jar secrets --profile prod"), message);
    }

    @Test
    void oneMissingSecretKeepsItsOwnMessage() {
        SettingsException e = refused(MapSettings.profile("prod").with("ssrguard.csrf.enabled", "true")
                .with("ssrguard.keys.jwks", JWKS), false);
        String own = assertThrows(SettingsException.class, () -> EncryptionKeys.load(MapSettings.profile("prod").reader(),
                true, new SecureRandom())).getMessage();
        assertEquals(own, e.getMessage(), "the same words as the CSRF key loader's");
    }

    @Test
    void theGuardNeedsASecretOnlyWhenTheApplicationNamesWhatItGuards() {
        MapSettings base = MapSettings.profile("prod").with("ssrguard.keys.jwks", JWKS).with("ssrguard.csrf.keys", AES)
                .with("ssrguard.guard.enabled", "true");
        SettingsReader noPaths = base.reader();
        assertDoesNotThrow(() -> MissingSecrets.check(noPaths, EnvironmentTiers.load(noPaths), false));
        assertTrue(refused(base.with("ssrguard.guard.paths", "/ops/*"), false).getMessage().contains("ssrguard.guard.secrets"));
    }

    @Test
    void nothingIsMissingInDevWithAVaultOrWhenAllAreSet() {
        SettingsReader dev = MapSettings.profile("dev").with("ssrguard.refresh.store", "jdbc")
                .with("ssrguard.guard.paths", "/internal/*").reader();
        assertDoesNotThrow(() -> MissingSecrets.check(dev, EnvironmentTiers.load(dev), false));

        SettingsReader all = MapSettings.profile("prod").with("ssrguard.keys.jwks", JWKS).with("ssrguard.csrf.keys", AES)
                .with("ssrguard.refresh.store", "jdbc").with("ssrguard.refresh.secret", AES)
                .with("ssrguard.guard.paths", "/internal/*").with("ssrguard.guard.secrets", "guard-secret-0123456789abcdef")
                .reader();
        assertDoesNotThrow(() -> MissingSecrets.check(all, EnvironmentTiers.load(all), false));

        String withVault = refused(MapSettings.profile("prod").with("ssrguard.csrf.enabled", "true"), true).getMessage();
        assertFalse(withVault.contains("ssrguard.keys.jwks"), "a vault supplies the signing keys: " + withVault);
    }
}
