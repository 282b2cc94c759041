package io.ssrguard.keys;

import java.io.PrintStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * {@code java -jar filters-impl-<version>.jar secrets [--profile prod]}: prints every secret a
 * deployment needs outside the dev profile, as environment lines that MicroProfile Config reads
 * ({@code SSRGUARD_KEYS_JWKS} is {@code ssrguard.keys.jwks}), ready for a shell, a secrets store
 * or an env file. It runs on the published jar alone: this class uses nothing but the JDK (the
 * jar's dependencies, nimbus among them, are not on the path of {@code java -jar}), and prints
 * nothing but the lines, so the output can be piped as it is.
 */
public final class SecretsCommand {

    private static final String USAGE = "usage: java -jar filters-impl-<version>.jar secrets [--profile <name>]";

    private SecretsCommand() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err, new SecureRandom());
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the command; returns the process exit status (0, or 2 for a usage error). */
    static int run(String[] args, PrintStream out, PrintStream err, SecureRandom random) {
        String profile = "prod";
        if (args.length == 0 || !args[0].equals("secrets")) {
            err.println(USAGE);
            return 2;
        }
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--profile") && i + 1 < args.length) {
                profile = args[++i];
            } else if (args[i].startsWith("--profile=")) {
                profile = args[i].substring("--profile=".length());
            } else {
                err.println(USAGE);
                return 2;
            }
        }
        if (!profile.matches("[A-Za-z0-9_-]{1,64}")) {
            err.println("a profile name is letters, digits, '_' or '-', not '" + profile + "'");
            return 2;
        }
        if (profile.equals("dev")) {
            out.println("# the dev profile needs no secret: it makes ephemeral keys at each start");
            return 0;
        }
        out.println("# SSR Guard secrets for profile " + profile + ": keep them secret, the same on every node");
        out.println("SSRGUARD_KEYS_JWKS='{\"keys\":[" + es256Jwk(random) + "]}'");
        out.println("SSRGUARD_CSRF_KEYS='" + Base64.getEncoder().encodeToString(bytes(random, 32)) + "'");
        out.println("SSRGUARD_REFRESH_SECRET='" + Base64.getEncoder().encodeToString(bytes(random, 32)) + "'");
        out.println("SSRGUARD_GUARD_SECRETS='" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(random, 32)) + "'");
        return 0;
    }

    /**
     * A private ES256 (P-256) JWK written by hand from the JDK's key: the same members
     * {@link JwksGenerator} prints through nimbus, which {@code java -jar} does not have.
     */
    static String es256Jwk(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = generator.generateKeyPair();
            ECPublicKey pub = (ECPublicKey) pair.getPublic();
            ECPrivateKey priv = (ECPrivateKey) pair.getPrivate();
            String kid = "ssrguard-" + HexFormat.of().formatHex(bytes(random, 4));
            return "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"" + kid + "\",\"alg\":\"ES256\""
                    + ",\"x\":\"" + coordinate(pub.getW().getAffineX()) + "\""
                    + ",\"y\":\"" + coordinate(pub.getW().getAffineY()) + "\""
                    + ",\"d\":\"" + coordinate(priv.getS()) + "\"}";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate a P-256 key: " + e.getMessage(), e);
        }
    }

    /** RFC 7518 6.2.1: a P-256 coordinate is exactly 32 bytes, big-endian, base64url without padding. */
    private static String coordinate(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, fixed, 32 - copy, copy);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }

    private static byte[] bytes(SecureRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
