package io.ssrguard.keys;

import static io.ssrguard.config.SsrGuardProperties.CSRF_KEYS;
import static io.ssrguard.config.SsrGuardProperties.CSRF_KEY_FILE;

import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys that encrypt CSRF and SSR bypass tokens: the active key
 * first, then previous keys still accepted during a rotation. Kept apart from
 * {@link KeyProvider} (which holds signing keys) so that it can later be routed
 * through a key-vault SPI without touching the token code.
 *
 * @param keys the keys, active first; each 32 bytes, algorithm {@code AES}
 */
public record EncryptionKeys(List<SecretKey> keys) {

    /** AES-256: exactly this many bytes per key. */
    public static final int KEY_BYTES = 32;

    private static final Logger LOG = Logger.getLogger(EncryptionKeys.class.getName());

    public EncryptionKeys {
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one key is needed");
        }
        for (SecretKey k : keys) {
            byte[] encoded = k.getEncoded();
            if (!"AES".equals(k.getAlgorithm()) || encoded == null || encoded.length != KEY_BYTES) {
                throw new IllegalArgumentException("every key must be a 32-byte AES key");
            }
        }
    }

    /** The key that encrypts new tokens. */
    public SecretKey active() {
        return keys.get(0);
    }

    /** Why a deployment cannot start for want of a CSRF key, if it cannot: required, none set, outside dev. */
    public static Optional<String> missingKey(SettingsReader settings, boolean required) {
        if (!required || settings.devProfile() || settings.optional(CSRF_KEYS).isPresent()
                || settings.optional(CSRF_KEY_FILE).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("CSRF protection is on but no encryption key is configured (profile "
                + settings.profileName() + "). Set " + CSRF_KEYS + " to a base64 32-byte key (generate one with:"
                + " openssl rand -base64 32), or " + CSRF_KEY_FILE + " to a file holding one. Only the 'dev'"
                + " profile may run with an ephemeral key.");
    }

    /**
     * The keys of a cookie that every node of a cluster must open once another sealed it (the OpenID
     * Connect flow state, the passkey challenge): the CSRF keys, which outside dev must then be
     * configured whether CSRF checking is on or not; dev gets an ephemeral key with a warning.
     *
     * @param enabledProperty the setting that switched the feature on, named in the failure
     * @param cookie          what the cookie carries ("the sign-in flow cookie"), for the messages
     */
    public static EncryptionKeys forSharedCookie(SettingsReader settings, String enabledProperty, String cookie,
                                                 SecureRandom random) {
        boolean configured = settings.optional(CSRF_KEYS).isPresent() || settings.optional(CSRF_KEY_FILE).isPresent();
        if (!configured && !settings.devProfile()) {
            throw new SettingsException(enabledProperty + "=true needs an AES-256 key to encrypt " + cookie
                    + ", shared by every node: set " + CSRF_KEYS + " (generate one with: openssl rand -base64 32)"
                    + " or " + CSRF_KEY_FILE + " (profile " + settings.profileName() + ")");
        }
        if (!configured) {
            LOG.warning("SSR Guard: no " + CSRF_KEYS + " configured; the dev profile encrypts " + cookie
                    + " with an EPHEMERAL key (a restart in the middle of a ceremony makes it fail)");
        }
        return load(settings, false, random);
    }

    /**
     * Reads {@code ssrguard.csrf.keys} and then {@code ssrguard.csrf.key-file}
     * (both may be set: inline keys come first, so the first inline key is the
     * active one). Without any key, a generated ephemeral key is used when
     * {@code required} is false or in the dev profile (with a loud warning);
     * otherwise the deployment fails.
     *
     * @param required whether the tokens these keys protect are enforced (CSRF enabled)
     * @param random   source for an ephemeral key
     * @throws SettingsException naming the property when a key is missing, malformed or not 256 bits
     */
    public static EncryptionKeys load(SettingsReader settings, boolean required, SecureRandom random) {
        List<SecretKey> keys = new ArrayList<>();
        settings.optional(CSRF_KEYS).ifPresent(v -> keys.addAll(parse(v, CSRF_KEYS)));
        settings.optional(CSRF_KEY_FILE).ifPresent(path -> {
            List<SecretKey> fromFile = parse(readFile(path), CSRF_KEY_FILE + " ('" + path + "')");
            if (fromFile.isEmpty()) {
                throw new SettingsException(CSRF_KEY_FILE + " = '" + path + "' holds no key; put one base64 "
                        + "32-byte key per line (generate one with: openssl rand -base64 32)");
            }
            keys.addAll(fromFile);
        });
        if (!keys.isEmpty()) {
            List<SecretKey> distinct = distinct(keys);
            LOG.info(() -> "SSR Guard CSRF keys loaded: " + distinct.size() + " AES-256 key(s), the first encrypts");
            return new EncryptionKeys(distinct);
        }
        if (missingKey(settings, required).isPresent()) {
            throw new SettingsException(missingKey(settings, required).get());
        }
        if (required) {
            LOG.warning("SSR Guard: NO CSRF KEY CONFIGURED. The dev profile is using an EPHEMERAL AES-256 key: "
                    + "CSRF and SSR tokens die with this process, other nodes and external SSR servers cannot use"
                    + " them. Set " + CSRF_KEYS + " or " + CSRF_KEY_FILE + " before leaving dev.");
        }
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        return new EncryptionKeys(List.of(new SecretKeySpec(bytes, "AES")));
    }

    /** Keys separated by commas or line breaks; {@code #} starts a comment line in files. */
    private static List<SecretKey> parse(String text, String source) {
        List<SecretKey> keys = new ArrayList<>();
        int index = 0;
        for (String line : text.split("\\R")) {
            if (line.trim().startsWith("#")) {
                continue;
            }
            for (String item : line.split(",")) {
                String value = item.trim();
                if (value.isEmpty()) {
                    continue;
                }
                index++;
                keys.add(decode(value, source, index));
            }
        }
        return keys;
    }

    private static SecretKey decode(String value, String source, int index) {
        byte[] bytes;
        try {
            bytes = SettingsReader.base64Key(value);
        } catch (IllegalArgumentException e) {
            // Never echo the value: it is (almost) key material.
            throw new SettingsException("key #" + index + " in " + source + " is not base64 or base64url");
        }
        if (bytes.length != KEY_BYTES) {
            throw new SettingsException("key #" + index + " in " + source + " is " + bytes.length * 8
                    + " bits; AES-256 needs exactly 256 bits (32 bytes). Generate one with: openssl rand -base64 32");
        }
        if (allSame(bytes)) {
            throw new SettingsException("key #" + index + " in " + source + " is a constant byte pattern, not a random"
                    + " key. Generate one with: openssl rand -base64 32");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private static boolean allSame(byte[] bytes) {
        for (byte b : bytes) {
            if (b != bytes[0]) {
                return false;
            }
        }
        return true;
    }

    private static List<SecretKey> distinct(List<SecretKey> keys) {
        List<SecretKey> out = new ArrayList<>();
        for (SecretKey k : keys) {
            if (out.stream().noneMatch(o -> Arrays.equals(o.getEncoded(), k.getEncoded()))) {
                out.add(k);
            }
        }
        return out;
    }

    private static String readFile(String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SettingsException(CSRF_KEY_FILE + " = '" + path + "' cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        // Never print key material.
        return "EncryptionKeys[" + keys.size() + " key(s)]";
    }
}
