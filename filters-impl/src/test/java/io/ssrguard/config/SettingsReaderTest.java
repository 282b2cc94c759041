package io.ssrguard.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsReaderTest {

    private static final String NAME = "ssrguard.test.value";

    private static SettingsReader with(String value) {
        return MapSettings.profile("prod").with(NAME, value).reader();
    }

    @Test
    void booleansAreTrueOrFalseAndNothingElse() {
        assertTrue(with("TRUE").bool(NAME, false));
        assertFalse(with("false").bool(NAME, true));
        assertTrue(MapSettings.profile("prod").reader().bool(NAME, true), "the default when unset");
        for (String bad : List.of("flase", "yes", "1", "on")) {
            SettingsException e = assertThrows(SettingsException.class, () -> with(bad).bool(NAME, true));
            assertEquals(NAME + " must be true or false, not '" + bad + "'", e.getMessage());
        }
    }

    @Test
    void positiveDurationsRefuseZeroAndNegative() {
        assertEquals(Duration.ofMinutes(15), with("PT15M").positiveDuration(NAME, Duration.ofSeconds(1)));
        assertEquals(Duration.ofSeconds(7), MapSettings.profile("prod").reader().positiveDuration(NAME, Duration.ofSeconds(7)));
        assertEquals(NAME + " must be longer than zero",
                assertThrows(SettingsException.class, () -> with("0").positiveDuration(NAME, Duration.ofSeconds(1))).getMessage());
        assertTrue(assertThrows(SettingsException.class, () -> with("-PT1S").positiveDuration(NAME, Duration.ofSeconds(1)))
                .getMessage().contains("must not be negative"));
    }

    @Test
    void integersMustLieInTheirRange() {
        assertEquals(64, with("64").integer(NAME, 1, 64, 100));
        assertEquals(5, MapSettings.profile("prod").reader().integer(NAME, 5, 1, 10));
        for (String bad : List.of("63", "101", "many", "1e3")) {
            SettingsException e = assertThrows(SettingsException.class, () -> with(bad).integer(NAME, 70, 64, 100));
            assertEquals(NAME + " must be a whole number from 64 to 100, not '" + bad + "'", e.getMessage());
        }
    }

    @Test
    void headerNamesAreHttpTokens() {
        assertEquals("X-Internal-Secret", MapSettings.profile("prod").reader().headerName(NAME, "X-Internal-Secret"));
        assertEquals("X-Api_Key.2", with("X-Api_Key.2").headerName(NAME, "X-Default"));
        for (String bad : List.of("X Token", "X-Token:", "X-Tök", "X-Token\r\nSet-Cookie")) {
            SettingsException e = assertThrows(SettingsException.class, () -> with(bad).headerName(NAME, "X-Default"));
            assertTrue(e.getMessage().startsWith(NAME + " must be an HTTP header name"), e.getMessage());
        }
    }

    @Test
    void keysAreAcceptedInEitherBase64AlphabetWithOrWithoutPadding() {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (0xF0 + i * 7); // bytes whose encodings hold '+', '/', '-' and '_'
        }
        String standard = Base64.getEncoder().encodeToString(key);
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        assertTrue(standard.matches(".*[+/].*") && standard.endsWith("="), standard);
        for (String text : List.of(standard, standard.replace("=", ""), urlSafe, urlSafe + "=", " " + standard + " ")) {
            assertArrayEquals(key, SettingsReader.base64Key(text), text);
        }
    }

    @Test
    void aKeyThatIsNotBase64IsRefusedWithoutRepeatingIt() {
        String secretLooking = "s3cr3t!value*";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SettingsReader.base64Key(secretLooking));
        assertFalse(e.getMessage().contains(secretLooking), e.getMessage());
    }

    @Test
    void aDurationInARangeNamesThePropertyAndTheRange() {
        Duration min = Duration.ofSeconds(30);
        Duration max = Duration.ofMinutes(30);
        assertEquals(Duration.ofMinutes(5), MapSettings.profile("prod").reader()
                .duration(NAME, Duration.ofMinutes(5), min, max), "the default when unset");
        assertEquals(min, with("PT30S").duration(NAME, Duration.ofMinutes(5), min, max), "both ends included");
        assertEquals(max, with("PT30M").duration(NAME, Duration.ofMinutes(5), min, max));
        for (String bad : new String[] {"PT29S", "PT31M"}) {
            SettingsException e = assertThrows(SettingsException.class,
                    () -> with(bad).duration(NAME, Duration.ofMinutes(5), min, max));
            assertEquals(NAME + " must lie between 30 seconds and 30 minutes, not "
                    + Duration.parse(bad).toSeconds() + " s", e.getMessage());
        }
    }
}
