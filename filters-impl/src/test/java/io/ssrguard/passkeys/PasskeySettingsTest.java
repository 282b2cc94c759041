package io.ssrguard.passkeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SsrGuardProperties;
import org.junit.jupiter.api.Test;

class PasskeySettingsTest {

    @Test
    void ceremonyRequestsAreLimitedTo60PerMinuteByDefault() {
        assertEquals(60, PasskeySettings.load(MapSettings.profile("prod").reader()).requestsPerMinute());
        assertEquals(500, PasskeySettings.load(MapSettings.profile("prod")
                .with(SsrGuardProperties.PASSKEYS_REQUESTS_PER_MINUTE, "500").reader()).requestsPerMinute());
    }

    /** Fewer than two would refuse every ceremony: options and finish are two requests. */
    @Test
    void aLimitBelowOneCeremonyOrNotANumberFailsNamingTheSetting() {
        for (String bad : new String[] {"1", "0", "-5", "100001", "lots"}) {
            SettingsException e = assertThrows(SettingsException.class, () -> PasskeySettings.load(
                    MapSettings.profile("prod").with(SsrGuardProperties.PASSKEYS_REQUESTS_PER_MINUTE, bad).reader()));
            assertTrue(e.getMessage().contains(SsrGuardProperties.PASSKEYS_REQUESTS_PER_MINUTE), e.getMessage());
        }
    }
}
