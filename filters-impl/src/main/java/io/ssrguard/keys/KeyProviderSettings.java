package io.ssrguard.keys;

import io.ssrguard.config.Settings;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.config.SsrGuardProperties;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.SecretKey;

/**
 * An application's {@link KeyProvider} seen as settings, layered over the
 * configuration: what it supplies (encryption keys, named secrets) wins, so
 * every part of the pack that reads a key or a secret from a setting takes it
 * from the vault without knowing about it.
 */
public final class KeyProviderSettings implements Settings {

    private final KeyProvider provider;
    private final Optional<String> encryptionKeys;

    public KeyProviderSettings(KeyProvider provider) {
        this.provider = provider;
        List<SecretKey> keys = provider.encryptionKeys();
        this.encryptionKeys = keys.isEmpty() ? Optional.empty() : Optional.of(keys.stream()
                .map(k -> Base64.getEncoder().encodeToString(k.getEncoded())).collect(Collectors.joining(",")));
    }

    /** The configured settings with what the application's key provider supplies layered over them, when it has one. */
    public static SettingsReader over(SettingsReader configured, Optional<KeyProvider> vault) {
        return vault.map(v -> configured.under(new KeyProviderSettings(v))).orElse(configured);
    }

    @Override
    public Optional<String> value(String name) {
        if (SsrGuardProperties.CSRF_KEYS.equals(name) && encryptionKeys.isPresent()) {
            return encryptionKeys;
        }
        return provider.secret(name).map(String::trim).filter(v -> !v.isEmpty());
    }

    @Override
    public Optional<String> profile() {
        return Optional.empty();
    }

    /** The provider answers only names the pack asks for, so it cannot hold an unknown one: nothing to list. */
    @Override
    public Set<String> names() {
        return Set.of();
    }

    /** Names the provider, never the keys it supplied. */
    @Override
    public String toString() {
        return "KeyProviderSettings[provider=" + provider.getClass().getName() + ", encryptionKeys="
                + (encryptionKeys.isPresent() ? "(hidden)" : "none") + "]";
    }
}
