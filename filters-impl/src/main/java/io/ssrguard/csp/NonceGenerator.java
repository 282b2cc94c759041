package io.ssrguard.csp;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Fresh CSP nonces: 128 random bits from a {@link SecureRandom}, base64 (24 characters).
 *
 * <p>{@link #perThread()} is what the filter uses: one DRBG per request thread.
 * The JDK's default {@code SecureRandom} on Linux ({@code NativePRNG}) serialises
 * every call of every instance on one lock, so concurrent responses queued there
 * for their nonces. Separate DRBG instances are as unpredictable as one shared
 * (each seeds itself from the system's entropy source and reseeds on its own
 * schedule; NIST SP 800-90A allows any number of instances), so nothing is lost
 * by giving each thread its own.
 */
public final class NonceGenerator {

    /** Random bytes per nonce; CSP asks for at least 128 bits. */
    public static final int BYTES = 16;

    private final Supplier<SecureRandom> random;

    /** Nonces from one shared source (tests, or a caller that brings its own). */
    public NonceGenerator(SecureRandom random) {
        this.random = () -> random;
    }

    private NonceGenerator(Supplier<SecureRandom> random) {
        this.random = random;
    }

    /** Nonces from a DRBG of each calling thread's own, created on its first nonce. */
    public static NonceGenerator perThread() {
        ThreadLocal<SecureRandom> own = ThreadLocal.withInitial(NonceGenerator::newDrbg);
        return new NonceGenerator(own::get);
    }

    /** A nonce never handed out before (with overwhelming probability). */
    public String next() {
        byte[] bytes = new byte[BYTES];
        random.get().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static SecureRandom newDrbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no DRBG SecureRandom", e);
        }
    }
}
