package io.ssrguard.csp;

import java.security.SecureRandom;
import java.util.Base64;

/** Fresh CSP nonces: 128 random bits from a {@link SecureRandom}, base64 (24 characters). */
public final class NonceGenerator {

    /** Random bytes per nonce; CSP asks for at least 128 bits. */
    public static final int BYTES = 16;

    private final SecureRandom random;

    public NonceGenerator(SecureRandom random) {
        this.random = random;
    }

    /** A nonce never handed out before (with overwhelming probability). */
    public String next() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
