package io.ssrguard.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.config.SsrGuardProperties;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyProviderSettingsTest {

    /** A stand-in for a key vault: fixed keys and one secret. */
    public static final class VaultKeys implements KeyProvider {

        static final byte[] AES = new byte[32];
        static final TokenKey SIGNING;

        static {
            new SecureRandom().nextBytes(AES);
            try {
                SIGNING = JwkKeys.toTokenKey(new ECKeyGenerator(Curve.P_256).keyID("vault-1")
                        .algorithm(JWSAlgorithm.ES256).generate(), "test");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public TokenKey signingKey() {
            return SIGNING;
        }

        @Override
        public List<TokenKey> verificationKeys() {
            return List.of(SIGNING);
        }

        @Override
        public List<SecretKey> encryptionKeys() {
            return List.of(new SecretKeySpec(AES, "AES"));
        }

        @Override
        public Optional<String> secret(String propertyName) {
            return propertyName.equals(SsrGuardProperties.OIDC_CLIENT_SECRET) ? Optional.of("from-the-vault") : Optional.empty();
        }
    }

    @Test
    void whatTheProviderSuppliesWinsOverConfigurationAndTheRestIsConfiguration() {
        SettingsReader settings = MapSettings.profile("prod")
                .with(SsrGuardProperties.OIDC_CLIENT_SECRET, "from-config")
                .with(SsrGuardProperties.CSRF_KEYS, "ignored")
                .with(SsrGuardProperties.AUTH_ISSUER, "configured-issuer")
                .reader().under(new KeyProviderSettings(new VaultKeys()));
        assertEquals(Optional.of("from-the-vault"), settings.optional(SsrGuardProperties.OIDC_CLIENT_SECRET));
        assertEquals("configured-issuer", settings.string(SsrGuardProperties.AUTH_ISSUER, "x"));
        assertEquals("prod", settings.profileName(), "the profile still comes from configuration");
        EncryptionKeys keys = EncryptionKeys.load(settings, true, new SecureRandom());
        assertEquals(1, keys.keys().size());
        assertTrue(java.util.Arrays.equals(VaultKeys.AES, keys.active().getEncoded()), "the vault's AES key");
    }

    @Test
    void aProviderWithoutEncryptionKeysLeavesThemToConfiguration() {
        KeyProvider signingOnly = new KeyProvider() {
            public TokenKey signingKey() {
                return VaultKeys.SIGNING;
            }

            public List<TokenKey> verificationKeys() {
                return List.of(VaultKeys.SIGNING);
            }
        };
        SettingsReader settings = MapSettings.profile("prod").reader().under(new KeyProviderSettings(signingOnly));
        SettingsException e = assertThrows(SettingsException.class,
                () -> EncryptionKeys.load(settings, true, new SecureRandom()));
        assertTrue(e.getMessage().contains(SsrGuardProperties.CSRF_KEYS), e.getMessage());
    }

    @Test
    void theApplicationsProviderIsFoundThroughTheServiceLoaderAndOnlyOneMayBeRegistered(@TempDir Path dir) throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(KeyProvider.class.getName()), VaultKeys.class.getName() + "\n");
        try (URLClassLoader app = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            assertInstanceOf(VaultKeys.class, KeyProviders.registeredIn(app).orElseThrow());
        }
        assertEquals(Optional.empty(), KeyProviders.registeredIn(getClass().getClassLoader()));

        Path twice = dir.resolve("twice");
        Files.createDirectories(twice.resolve("META-INF/services"));
        Files.writeString(twice.resolve("META-INF/services/" + KeyProvider.class.getName()),
                VaultKeys.class.getName() + "\n" + AnotherVault.class.getName() + "\n");
        try (URLClassLoader app = new URLClassLoader(new URL[] {twice.toUri().toURL()}, getClass().getClassLoader())) {
            SettingsException e = assertThrows(SettingsException.class, () -> KeyProviders.registeredIn(app));
            assertTrue(e.getMessage().contains("more than one"), e.getMessage());
        }
    }

    @Test
    void toStringNamesTheProviderButNotItsKeysOrSecrets() {
        KeyProviderSettings settings = new KeyProviderSettings(new VaultKeys());
        String text = settings.toString();
        assertTrue(text.contains(VaultKeys.class.getName()), text);
        assertFalse(text.contains(java.util.Base64.getEncoder().encodeToString(VaultKeys.AES)), text);
        assertFalse(text.contains("from-the-vault"), text);
        assertEquals(java.util.Set.of(), settings.names(), "a provider only answers names it is asked for");
    }

    @Test
    void aTokenKeyPrintsItsIdButNoKeyMaterial() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        java.security.KeyPair pair = generator.generateKeyPair();
        TokenKey key = new TokenKey("rsa-1", "RS256", pair.getPublic(), pair.getPrivate());
        String privateExponent = ((java.security.interfaces.RSAPrivateKey) pair.getPrivate()).getPrivateExponent().toString();
        assertFalse(key.toString().contains(privateExponent), key.toString());
        assertFalse(key.toString().contains(((java.security.interfaces.RSAPublicKey) pair.getPublic()).getModulus().toString()));
        assertEquals("TokenKey[keyId=rsa-1, algorithm=RS256, canSign=true]", key.toString());
    }

    /** A second provider, to show that two registrations are refused. */
    public static final class AnotherVault implements KeyProvider {
        @Override
        public TokenKey signingKey() {
            return VaultKeys.SIGNING;
        }

        @Override
        public List<TokenKey> verificationKeys() {
            return List.of(VaultKeys.SIGNING);
        }
    }
}
