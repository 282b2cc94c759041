import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * Generates the load benchmark's ES256 key, run by the build (single-file source, JDK only):
 * {@code <dir>/ssrguard.jwks} is the private JWK set the SSR Guard WAR signs and verifies
 * with ({@code ssrguard.keys.jwks}); {@code <dir>/peer/publicKey.jwks} is its public half,
 * packed into the peer WAR for Payara's MicroProfile JWT. A fresh key on every build:
 * it protects nothing but a benchmark on loopback.
 */
public final class BenchKeys {

    static final String KID = "load-es256";

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/load-keys");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        ECPublicKey pub = (ECPublicKey) pair.getPublic();
        ECPrivateKey priv = (ECPrivateKey) pair.getPrivate();
        String publicJwk = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"" + KID + "\",\"alg\":\"ES256\",\"use\":\"sig\""
                + ",\"x\":\"" + b64(pub.getW().getAffineX()) + "\",\"y\":\"" + b64(pub.getW().getAffineY()) + "\"";
        String privateJwk = publicJwk + ",\"d\":\"" + b64(priv.getS()) + "\"}";
        Files.createDirectories(dir.resolve("peer"));
        Files.writeString(dir.resolve("ssrguard.jwks"), "{\"keys\":[" + privateJwk + "]}", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("peer/publicKey.jwks"), "{\"keys\":[" + publicJwk + "}]}", StandardCharsets.UTF_8);
    }

    /** A P-256 coordinate or scalar as 32 unsigned big-endian bytes, base64url without padding. */
    static String b64(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, fixed, 32 - n, n);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }
}
