package io.ssrguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SsrGuardProperties;
import org.junit.jupiter.api.Test;

class GuardSettingsTest {

    @Test
    void toStringCountsTheSecretsButNeverShowsThem() {
        GuardSettings s = GuardSettings.load(MapSettings.profile("prod")
                .with(SsrGuardProperties.GUARD_SECRETS, "first-secret-0123456789,second-secret-0123456789").reader());

        assertEquals(2, s.secrets().size());
        assertFalse(s.toString().contains("first-secret"), s.toString());
        assertFalse(s.toString().contains("second-secret"), s.toString());
        assertTrue(s.toString().contains("secrets=(2 hidden)"), s.toString());
        assertTrue(s.toString().contains("X-Internal-Secret"), "what is not secret stays readable: " + s);
    }

    @Test
    void theSecretHeaderMustBeAHeaderName() {
        SettingsException e = assertThrows(SettingsException.class, () -> GuardSettings.load(MapSettings.profile("prod")
                .with(SsrGuardProperties.GUARD_SECRETS, "first-secret-0123456789")
                .with(SsrGuardProperties.GUARD_SECRET_HEADER, "X Internal Secret").reader()));
        assertTrue(e.getMessage().startsWith(SsrGuardProperties.GUARD_SECRET_HEADER + " must be an HTTP header name"),
                e.getMessage());
    }
}
