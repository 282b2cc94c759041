package io.ssrguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SsrGuardProperties;
import org.junit.jupiter.api.Test;

class GuardSettingsTest {

    @Test
    void toStringCountsTheSecretsButNeverShowsThem() {
        GuardSettings s = GuardSettings.load(MapSettings.profile("prod")
                .with(SsrGuardProperties.GUARD_SECRETS, "first-secret-0123456789,second-secret-0123456789").reader(), true);

        assertEquals(2, s.secrets().size());
        assertFalse(s.toString().contains("first-secret"), s.toString());
        assertFalse(s.toString().contains("second-secret"), s.toString());
        assertTrue(s.toString().contains("secrets=(2 hidden)"), s.toString());
        assertTrue(s.toString().contains("X-Internal-Secret"), "what is not secret stays readable: " + s);
    }
}
