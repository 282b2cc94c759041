package io.ssrguard.refresh;

import static io.ssrguard.config.SsrGuardProperties.REFRESH_CREATE_SCHEMA;
import static io.ssrguard.config.SsrGuardProperties.REFRESH_DATASOURCE;
import static io.ssrguard.config.SsrGuardProperties.REFRESH_GRACE_WINDOW;
import static io.ssrguard.config.SsrGuardProperties.REFRESH_IDLE_TIMEOUT;
import static io.ssrguard.config.SsrGuardProperties.REFRESH_LIFETIME;
import static io.ssrguard.config.SsrGuardProperties.REFRESH_PURGE_INTERVAL;
import static io.ssrguard.config.SsrGuardProperties.REFRESH_REMEMBER_ME_LIFETIME;
import static io.ssrguard.config.SsrGuardProperties.REFRESH_REVOCATION_POLL_INTERVAL;
import static io.ssrguard.config.SsrGuardProperties.REFRESH_SECRET;
import static io.ssrguard.config.SsrGuardProperties.REFRESH_STORE;
import static io.ssrguard.config.SsrGuardProperties.REFRESH_TABLE_PREFIX;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RefreshSettingsTest {

    static final byte[] KEY = new byte[32];
    static {
        for (int i = 0; i < KEY.length; i++) {
            KEY[i] = (byte) (i * 7 + 250);
        }
    }

    final SecureRandom random = new SecureRandom();

    RefreshSettings load(MapSettings s) {
        return RefreshSettings.load(s.reader(), random);
    }

    void assertRejected(String property, MapSettings s) {
        SettingsException e = assertThrows(SettingsException.class, () -> load(s));
        assertTrue(e.getMessage().contains(property), e.getMessage());
    }

    @Test
    void defaultsAreInOnePlace() {
        RefreshSettings s = load(MapSettings.profile("prod"));

        assertEquals(Duration.ofSeconds(10), s.graceWindow());
        assertEquals(Duration.ofDays(7), s.idleTimeout());
        assertEquals(Duration.ofDays(14), s.lifetime());
        assertEquals(Duration.ofDays(30), s.rememberMeLifetime());
        assertEquals(RefreshSettings.StoreType.MEMORY, s.store());
        assertEquals("java:comp/DefaultDataSource", s.dataSource());
        assertTrue(s.createSchema());
        assertEquals("ssrguard_refresh", s.tablePrefix());
        assertEquals(Duration.ofHours(1), s.purgeInterval());
        assertEquals(32, s.successorKey().getEncoded().length);
        assertEquals(Duration.ofDays(30), s.familyLifetime(true));
        assertEquals(Duration.ofDays(14), s.familyLifetime(false));
    }

    @Test
    void everySettingIsRead() {
        RefreshSettings s = load(MapSettings.profile("prod")
                .with(REFRESH_GRACE_WINDOW, "3").with(REFRESH_IDLE_TIMEOUT, "PT12H").with(REFRESH_LIFETIME, "P1D")
                .with(REFRESH_REMEMBER_ME_LIFETIME, "P90D").with(REFRESH_STORE, "JDBC")
                .with(REFRESH_DATASOURCE, "jdbc/Sessions").with(REFRESH_CREATE_SCHEMA, "false")
                .with(REFRESH_TABLE_PREFIX, "app_rt").with(REFRESH_PURGE_INTERVAL, "PT5M")
                .with(REFRESH_REVOCATION_POLL_INTERVAL, "PT0.5S")
                .with(REFRESH_SECRET, Base64.getEncoder().encodeToString(KEY)));

        assertEquals(new RefreshSettings(Duration.ofSeconds(3), Duration.ofHours(12), Duration.ofDays(1),
                Duration.ofDays(90), RefreshSettings.StoreType.JDBC, "jdbc/Sessions", false, "app_rt",
                Duration.ofMinutes(5), s.successorKey(), Duration.ofMillis(500)), s);
        assertArrayEquals(KEY, s.successorKey().getEncoded());
    }

    @Test
    void theSecretMayBeStandardOrUrlSafeBase64() {
        String standard = Base64.getEncoder().encodeToString(KEY);
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(KEY);
        assertTrue(standard.contains("+") || standard.contains("/") || standard.contains("="), standard);

        assertArrayEquals(KEY, load(MapSettings.profile("prod").with(REFRESH_SECRET, standard)).successorKey().getEncoded());
        assertArrayEquals(KEY, load(MapSettings.profile("prod").with(REFRESH_SECRET, urlSafe)).successorKey().getEncoded());
    }

    @Test
    void aClusterStoreNeedsASharedSecretOutsideDev() {
        assertRejected(REFRESH_SECRET, MapSettings.profile("prod").with(REFRESH_STORE, "jdbc"));
        assertRejected(REFRESH_SECRET, MapSettings.profile(null).with(REFRESH_STORE, "jdbc"));
        assertEquals(RefreshSettings.StoreType.JDBC, load(MapSettings.profile("dev").with(REFRESH_STORE, "jdbc")).store());
    }

    @Test
    void weakOrMalformedSecretsAreRejected() {
        assertRejected(REFRESH_SECRET, MapSettings.profile("prod")
                .with(REFRESH_SECRET, Base64.getEncoder().encodeToString(new byte[31])));
        assertRejected(REFRESH_SECRET, MapSettings.profile("prod").with(REFRESH_SECRET, "not base64 at all!"));
    }

    @Test
    void generatedKeysDifferPerStart() {
        assertFalse(java.util.Arrays.equals(load(MapSettings.profile("prod")).successorKey().getEncoded(),
                load(MapSettings.profile("prod")).successorKey().getEncoded()));
    }

    @Test
    void inconsistentLifetimesAreRejected() {
        assertRejected(REFRESH_GRACE_WINDOW, MapSettings.profile("prod").with(REFRESH_GRACE_WINDOW, "PT3M"));
        assertRejected(REFRESH_GRACE_WINDOW, MapSettings.profile("prod").with(REFRESH_GRACE_WINDOW, "-1"));
        assertRejected(REFRESH_IDLE_TIMEOUT, MapSettings.profile("prod").with(REFRESH_IDLE_TIMEOUT, "10"));
        assertRejected(REFRESH_IDLE_TIMEOUT, MapSettings.profile("prod").with(REFRESH_IDLE_TIMEOUT, "0"));
        assertRejected(REFRESH_LIFETIME, MapSettings.profile("prod").with(REFRESH_LIFETIME, "0"));
        assertRejected(REFRESH_REMEMBER_ME_LIFETIME, MapSettings.profile("prod")
                .with(REFRESH_REMEMBER_ME_LIFETIME, "P7D"));
        assertRejected(REFRESH_PURGE_INTERVAL, MapSettings.profile("prod").with(REFRESH_PURGE_INTERVAL, "soon"));
    }

    @Test
    void revocationPollIntervalIsBoundedBothWays() {
        assertEquals(Duration.ofSeconds(1), load(MapSettings.profile("prod")).revocationPollInterval());
        assertRejected(REFRESH_REVOCATION_POLL_INTERVAL, MapSettings.profile("prod")
                .with(REFRESH_REVOCATION_POLL_INTERVAL, "PT0.05S"));
        assertRejected(REFRESH_REVOCATION_POLL_INTERVAL, MapSettings.profile("prod")
                .with(REFRESH_REVOCATION_POLL_INTERVAL, "PT2M"));
        assertRejected(REFRESH_REVOCATION_POLL_INTERVAL, MapSettings.profile("prod")
                .with(REFRESH_REVOCATION_POLL_INTERVAL, "often"));
    }

    @Test
    void unknownStoresAndUnsafeTablePrefixesAreRejected() {
        assertRejected(REFRESH_STORE, MapSettings.profile("prod").with(REFRESH_STORE, "redis"));
        assertRejected(REFRESH_TABLE_PREFIX, MapSettings.profile("prod").with(REFRESH_TABLE_PREFIX, "x; DROP TABLE y"));
        assertRejected(REFRESH_TABLE_PREFIX, MapSettings.profile("prod").with(REFRESH_TABLE_PREFIX, "Upper"));
        assertRejected(REFRESH_TABLE_PREFIX, MapSettings.profile("prod").with(REFRESH_TABLE_PREFIX, "a".repeat(41)));
        assertRejected(REFRESH_CREATE_SCHEMA, MapSettings.profile("prod").with(REFRESH_CREATE_SCHEMA, "yes"));
    }

    @Test
    void theKeyNeverAppearsInTheStringForm() {
        String secret = Base64.getEncoder().encodeToString(KEY);
        RefreshSettings s = load(MapSettings.profile("prod").with(REFRESH_SECRET, secret));

        assertFalse(s.toString().contains(secret));
        assertFalse(s.toString().contains(Integer.toHexString(s.successorKey().hashCode())), s.toString());
    }
}
