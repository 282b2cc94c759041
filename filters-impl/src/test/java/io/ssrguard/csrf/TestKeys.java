package io.ssrguard.csrf;

import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** Random AES-256 keys for tests. */
final class TestKeys {

    static final SecureRandom RANDOM = new SecureRandom();

    private TestKeys() {
    }

    static SecretKey aes() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return new SecretKeySpec(b, "AES");
    }

    static String base64(SecretKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }
}
