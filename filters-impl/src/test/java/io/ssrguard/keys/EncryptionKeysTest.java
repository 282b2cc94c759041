package io.ssrguard.keys;

import static io.ssrguard.config.SsrGuardProperties.CSRF_KEYS;
import static io.ssrguard.config.SsrGuardProperties.CSRF_KEY_FILE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptionKeysTest {

    static final SecureRandom RANDOM = new SecureRandom();

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    static EncryptionKeys load(MapSettings s, boolean required) {
        return EncryptionKeys.load(s.reader(), required, RANDOM);
    }

    @Test
    void missingKeyWithCsrfOnOutsideDevFailsNamingBothProperties() {
        for (String profile : new String[] {"prod", "test", null}) {
            SettingsException e = assertThrows(SettingsException.class, () -> load(MapSettings.profile(profile), true));
            assertTrue(e.getMessage().contains(CSRF_KEYS) && e.getMessage().contains(CSRF_KEY_FILE), e.getMessage());
        }
    }

    @Test
    void devAndDisabledCsrfRunWithAnEphemeralKey() {
        assertEquals(1, load(MapSettings.profile("dev"), true).keys().size());
        assertEquals(1, load(MapSettings.profile("prod"), false).keys().size());
    }

    @Test
    void base64AndBase64urlWithOrWithoutPaddingAllLoadActiveFirst() {
        byte[] a = bytes(32);
        byte[] b = bytes(32);
        byte[] c = bytes(32);
        String value = Base64.getEncoder().encodeToString(a) + ", " + Base64.getUrlEncoder().withoutPadding().encodeToString(b)
                + "," + Base64.getUrlEncoder().encodeToString(c);
        EncryptionKeys keys = load(MapSettings.profile("prod").with(CSRF_KEYS, value), true);
        assertEquals(3, keys.keys().size());
        assertArrayEquals(a, keys.active().getEncoded());
        assertArrayEquals(c, keys.keys().get(2).getEncoded());
        assertEquals("AES", keys.active().getAlgorithm());
    }

    @Test
    void keyFileIsReadAfterInlineKeysWithCommentsAndDuplicatesDropped(@TempDir Path dir) throws Exception {
        byte[] inline = bytes(32);
        byte[] previous = bytes(32);
        Path file = dir.resolve("csrf.keys");
        Files.writeString(file, "# rotated 2026-03-01\n" + Base64.getEncoder().encodeToString(previous) + "\n"
                + Base64.getEncoder().encodeToString(inline) + "\n\n");
        EncryptionKeys keys = load(MapSettings.profile("prod")
                .with(CSRF_KEYS, Base64.getEncoder().encodeToString(inline))
                .with(CSRF_KEY_FILE, file.toString()), true);
        assertEquals(2, keys.keys().size());
        assertArrayEquals(inline, keys.active().getEncoded());
        assertArrayEquals(previous, keys.keys().get(1).getEncoded());

        EncryptionKeys fileOnly = load(MapSettings.profile("prod").with(CSRF_KEY_FILE, file.toString()), true);
        assertArrayEquals(previous, fileOnly.active().getEncoded());
    }

    @Test
    void shortKeyFailsNamingThePropertyWithoutEchoingTheKey() {
        String weak = Base64.getEncoder().encodeToString(bytes(16));
        SettingsException e = assertThrows(SettingsException.class,
                () -> load(MapSettings.profile("prod").with(CSRF_KEYS, weak), true));
        assertTrue(e.getMessage().contains(CSRF_KEYS) && e.getMessage().contains("128 bits"), e.getMessage());
        assertFalse(e.getMessage().contains(weak), e.getMessage());
        assertThrows(SettingsException.class, () -> load(MapSettings.profile("dev")
                .with(CSRF_KEYS, Base64.getEncoder().encodeToString(bytes(64))), true), "too long fails too, even in dev");
    }

    @Test
    void nonBase64AndConstantKeysFail() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> load(MapSettings.profile("prod").with(CSRF_KEYS, "not a key!"), true));
        assertTrue(e.getMessage().contains(CSRF_KEYS), e.getMessage());
        assertFalse(e.getMessage().contains("not a key!"), e.getMessage());
        assertThrows(SettingsException.class, () -> load(MapSettings.profile("prod")
                .with(CSRF_KEYS, Base64.getEncoder().encodeToString(new byte[32])), true));
    }

    @Test
    void unreadableOrEmptyKeyFileFailsNamingTheProperty(@TempDir Path dir) throws Exception {
        SettingsException missing = assertThrows(SettingsException.class, () -> load(MapSettings.profile("prod")
                .with(CSRF_KEY_FILE, dir.resolve("absent").toString()), true));
        assertTrue(missing.getMessage().contains(CSRF_KEY_FILE), missing.getMessage());
        Path empty = Files.writeString(dir.resolve("empty"), "# nothing yet\n");
        SettingsException none = assertThrows(SettingsException.class, () -> load(MapSettings.profile("prod")
                .with(CSRF_KEY_FILE, empty.toString()), false));
        assertTrue(none.getMessage().contains(CSRF_KEY_FILE), none.getMessage());
    }

    @Test
    void toStringShowsNoKeyMaterial() {
        EncryptionKeys keys = load(MapSettings.profile("dev"), true);
        assertEquals("EncryptionKeys[1 key(s)]", keys.toString());
    }
}
