package io.ssrguard.it.tomcat.app;

import io.ssrguard.keys.KeyProvider;
import io.ssrguard.keys.TokenKey;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * What an application's own key provider (a cloud key vault client) looks
 * like to the pack: deployed inside the test WAR and registered in
 * {@code META-INF/services}. Its keys come from system properties the test
 * sets, standing in for the vault.
 */
public class FixedVault implements KeyProvider {

    /** System property holding the base64 AES key the test also uses. */
    public static final String AES_PROPERTY = "it.vault.aes";
    /** The guard secret the vault hands out. */
    public static final String GUARD_SECRET = "vault-guard-secret-0123456789abcdef";

    private final TokenKey signing;

    public FixedVault() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            signing = new TokenKey("vault-es256", "ES256", pair.getPublic(), pair.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public TokenKey signingKey() {
        return signing;
    }

    @Override
    public List<TokenKey> verificationKeys() {
        return List.of(signing);
    }

    @Override
    public List<SecretKey> encryptionKeys() {
        return List.of(new SecretKeySpec(Base64.getDecoder().decode(System.getProperty(AES_PROPERTY)), "AES"));
    }

    @Override
    public Optional<String> secret(String propertyName) {
        return "ssrguard.guard.secrets".equals(propertyName) ? Optional.of(GUARD_SECRET) : Optional.empty();
    }
}
