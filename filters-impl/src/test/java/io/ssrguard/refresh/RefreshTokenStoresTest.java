package io.ssrguard.refresh;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.config.SsrGuardProperties;
import io.ssrguard.testing.LoggedRecords;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefreshTokenStoresTest {

    /** An application's own store, as the ServiceLoader would construct it. */
    public static final class OwnStore implements RefreshTokenStore {
        private final RefreshTokenStore memory = new InMemoryRefreshTokenStore();

        public void create(RefreshFamily family, RefreshTokenEntry first) {
            memory.create(family, first);
        }

        public java.util.Optional<StoredRefreshToken> find(String tokenHash) {
            return memory.find(tokenHash);
        }

        public boolean rotate(String presentedHash, RefreshTokenEntry successor) {
            return memory.rotate(presentedHash, successor);
        }

        public java.util.Optional<RefreshFamily> revokeFamily(String familyId, java.time.Instant at) {
            return memory.revokeFamily(familyId, at);
        }

        public List<RefreshFamily> revokeUser(String user, java.time.Instant at) {
            return memory.revokeUser(user, at);
        }

        public List<RefreshFamily> activeFamilies(String user, java.time.Instant now) {
            return memory.activeFamilies(user, now);
        }

        public int purge(java.time.Instant now) {
            return memory.purge(now);
        }
    }

    static URLClassLoader application(Path dir, String... classes) throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(RefreshTokenStore.class.getName()), String.join("\n", classes) + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, RefreshTokenStoresTest.class.getClassLoader());
    }

    static RefreshTokenStore choose(MapSettings settings, ClassLoader loader) {
        SettingsReader s = settings.reader();
        return RefreshTokenStores.choose(s, RefreshSettings.load(s, new SecureRandom()), loader, name -> {
            throw new SettingsException("no DataSource " + name);
        });
    }

    @Test
    void withoutARegisteredStoreTheSettingChoosesTheBuiltInOne() {
        assertInstanceOf(InMemoryRefreshTokenStore.class, choose(MapSettings.profile("dev"), getClass().getClassLoader()));
        assertThrows(SettingsException.class, () -> choose(MapSettings.profile("dev")
                .with(SsrGuardProperties.REFRESH_STORE, "jdbc"), getClass().getClassLoader()), "the jdbc store looks its DataSource up");
    }

    @Test
    void theApplicationsStoreWinsOverAnExplicitStoreSettingWithAWarningNamingIt(@TempDir Path dir) throws Exception {
        List<String> warnings;
        try (LoggedRecords log = LoggedRecords.of(RefreshTokenStores.class);
                URLClassLoader app = application(dir, OwnStore.class.getName())) {
            RefreshTokenStore store = choose(MapSettings.profile("dev").with(SsrGuardProperties.REFRESH_STORE, "jdbc"), app);
            assertInstanceOf(OwnStore.class, store, "no DataSource was looked up");
            warnings = log.records().stream().map(r -> r.getLevel() + " " + r.getMessage()).toList();
        }
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("WARNING") && w.contains("[" + SsrGuardProperties.REFRESH_STORE
                + "]") && w.contains(OwnStore.class.getName())), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("INFO") && w.contains("the application's store "
                + OwnStore.class.getName())), warnings.toString());
    }

    @Test
    void twoRegisteredStoresOrAnUnloadableOneStopTheStart(@TempDir Path dir) throws Exception {
        try (URLClassLoader app = application(dir.resolve("two"), OwnStore.class.getName(),
                InMemoryRefreshTokenStore.class.getName())) {
            SettingsException e = assertThrows(SettingsException.class, () -> choose(MapSettings.profile("dev"), app));
            assertTrue(e.getMessage().contains("more than one"), e.getMessage());
        }
        try (URLClassLoader app = application(dir.resolve("missing"), "com.example.NoSuchStore")) {
            SettingsException e = assertThrows(SettingsException.class, () -> choose(MapSettings.profile("dev"), app));
            assertTrue(e.getMessage().contains("META-INF/services/" + RefreshTokenStore.class.getName()), e.getMessage());
        }
    }
}
