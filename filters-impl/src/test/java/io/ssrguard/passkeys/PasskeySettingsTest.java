package io.ssrguard.passkeys;

import static io.ssrguard.config.SsrGuardProperties.PASSKEYS_CHALLENGE_TTL;
import static io.ssrguard.config.SsrGuardProperties.PASSKEYS_ENABLED;
import static io.ssrguard.config.SsrGuardProperties.PASSKEYS_REQUESTS_PER_MINUTE;
import static io.ssrguard.config.SsrGuardProperties.PASSKEYS_RP_ID;
import static io.ssrguard.config.SsrGuardProperties.PASSKEYS_USER_VERIFICATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PasskeySettingsTest {

    static MapSettings on() {
        return MapSettings.profile("prod").with(PASSKEYS_ENABLED, "true");
    }

    @Test
    void offInEveryProfileUntilSwitchedOnAndThenNothingElseIsRead() {
        for (String profile : new String[] {"dev", "docker", "test", "prod"}) {
            assertTrue(PasskeySettings.load(MapSettings.profile(profile).reader()).isEmpty(), profile);
        }
        assertTrue(PasskeySettings.load(MapSettings.profile("prod").with(PASSKEYS_RP_ID, "https://x").reader()).isEmpty(),
                "a setting of a feature that is off is not validated, as for CSP and OpenID Connect");
    }

    @Test
    void defaultsWhenOn() {
        PasskeySettings s = PasskeySettings.load(on().reader()).orElseThrow();
        assertEquals(Optional.empty(), s.rpId(), "the site's host");
        assertEquals("SSR Guard", s.rpName());
        assertTrue(s.userVerificationRequired());
        assertEquals(Duration.ofMinutes(5), s.challengeTtl());
        assertEquals(Optional.of("shop.example.com"),
                PasskeySettings.load(on().with(PASSKEYS_RP_ID, " Shop.Example.com ").reader()).orElseThrow().rpId());
    }

    @Test
    void malformedSettingsFailNamingTheProperty() {
        for (var bad : new String[][] {{PASSKEYS_RP_ID, "https://shop.example.com"}, {PASSKEYS_USER_VERIFICATION, "never"},
                {PASSKEYS_CHALLENGE_TTL, "PT31M"}, {PASSKEYS_ENABLED, "yes"}}) {
            SettingsException e = assertThrows(SettingsException.class,
                    () -> PasskeySettings.load(on().with(bad[0], bad[1]).reader()), bad[0]);
            assertTrue(e.getMessage().contains(bad[0]), e.getMessage());
        }
    }

    @Test
    void ceremonyRequestsAreLimitedTo60PerMinuteByDefault() {
        assertEquals(60, PasskeySettings.load(on().reader()).orElseThrow().requestsPerMinute());
        assertEquals(500, PasskeySettings.load(on()
                .with(PASSKEYS_REQUESTS_PER_MINUTE, "500").reader()).orElseThrow().requestsPerMinute());
    }

    /** Fewer than two would refuse every ceremony: options and finish are two requests. */
    @Test
    void aLimitBelowOneCeremonyOrNotANumberFailsNamingTheSetting() {
        for (String bad : new String[] {"1", "0", "-5", "100001", "lots"}) {
            SettingsException e = assertThrows(SettingsException.class, () -> PasskeySettings.load(
                    on().with(PASSKEYS_REQUESTS_PER_MINUTE, bad).reader()));
            assertTrue(e.getMessage().contains(PASSKEYS_REQUESTS_PER_MINUTE), e.getMessage());
        }
    }
}
