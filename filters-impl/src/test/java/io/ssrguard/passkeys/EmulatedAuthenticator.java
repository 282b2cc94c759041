package io.ssrguard.passkeys;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A passkey authenticator in the test JVM, holding real P-256 keys: it answers WebAuthn options with
 * the JSON a browser's {@code PublicKeyCredential.toJSON()} gives, over real CBOR authenticator data,
 * attestation {@code none} and real ES256 signatures. Written here (not webauthn4j's test emulator) so
 * that the bytes under test do not come from the library that checks them.
 *
 * <p>One instance holds one credential. Knobs for the tests: the origin the "browser" reports, the RP id
 * whose hash goes into the authenticator data, whether the user was verified, the counter, the key's
 * algorithm ({@link #es384()}, {@link #claimedAlgorithm}), the attestation format and client data type.
 */
public final class EmulatedAuthenticator {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final int FLAG_UP = 0x01;
    private static final int FLAG_UV = 0x04;
    private static final int FLAG_AT = 0x40;

    private final KeyPair keys;
    /** COSE's curve number (1: P-256, 2: P-384), the JCA signature and the coordinates' length in bytes. */
    private final int coseCurve;
    private final String signatureAlgorithm;
    private final int coordinateBytes;
    private int coseAlgorithm;
    private final byte[] credentialId = new byte[16];
    private byte[] userHandle;
    private long counter;
    private boolean userVerified = true;
    private String attestationFormat = "none";
    private String createType = "webauthn.create";

    /** An ES256 authenticator (P-256), as every platform authenticator is. */
    public EmulatedAuthenticator() {
        this("secp256r1", 1, -7, "SHA256withECDSA", 32);
    }

    private EmulatedAuthenticator(String curve, int coseCurve, int coseAlgorithm, String signatureAlgorithm,
                                  int coordinateBytes) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve));
            keys = g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        this.coseCurve = coseCurve;
        this.coseAlgorithm = coseAlgorithm;
        this.signatureAlgorithm = signatureAlgorithm;
        this.coordinateBytes = coordinateBytes;
        new SecureRandom().nextBytes(credentialId);
    }

    /**
     * An ES384 authenticator (a real P-384 key, signing with SHA-384): a valid credential of an algorithm
     * the pack does not offer in its registration options.
     */
    public static EmulatedAuthenticator es384() {
        return new EmulatedAuthenticator("secp384r1", 2, -35, "SHA384withECDSA", 48);
    }

    /** Plays a broken or hostile client: the algorithm its public key claims in {@link #create}'s COSE key. */
    public EmulatedAuthenticator claimedAlgorithm(int coseAlgorithm) {
        this.coseAlgorithm = coseAlgorithm;
        return this;
    }

    public String credentialId() {
        return B64.encodeToString(credentialId);
    }

    /** The counter the next signature carries is this plus one; set it back to play a cloned authenticator. */
    public EmulatedAuthenticator counter(long value) {
        counter = value;
        return this;
    }

    public long counter() {
        return counter;
    }

    public EmulatedAuthenticator userVerified(boolean verified) {
        userVerified = verified;
        return this;
    }

    /** Plays a broken or hostile client: the attestation format and the client data type of {@link #create}. */
    public EmulatedAuthenticator createdAs(String format, String clientDataType) {
        attestationFormat = format;
        createType = clientDataType;
        return this;
    }

    /** {@code navigator.credentials.create()}: a registration response for this challenge. */
    public String create(String challenge, String userHandleB64, String origin, String rpId) {
        userHandle = Base64.getUrlDecoder().decode(userHandleB64);
        byte[] clientData = clientData(createType, challenge, origin);
        ByteArrayOutputStream authData = authDataHead(rpId, FLAG_AT);
        authData.writeBytes(new byte[16]); // AAGUID: none, as with attestation "none"
        authData.write(credentialId.length >> 8);
        authData.write(credentialId.length);
        authData.writeBytes(credentialId);
        authData.writeBytes(coseKey());
        Map<Object, Object> attestation = new LinkedHashMap<>();
        attestation.put("fmt", attestationFormat);
        attestation.put("attStmt", new LinkedHashMap<>());
        attestation.put("authData", authData.toByteArray());
        String id = credentialId();
        return "{\"id\":\"" + id + "\",\"rawId\":\"" + id + "\",\"type\":\"public-key\",\"response\":{"
                + "\"clientDataJSON\":\"" + B64.encodeToString(clientData) + "\","
                + "\"attestationObject\":\"" + B64.encodeToString(Cbor.encode(attestation)) + "\","
                + "\"transports\":[\"internal\"]},\"clientExtensionResults\":{}}";
    }

    /** {@code navigator.credentials.get()}: a signed sign-in response for this challenge. */
    public String get(String challenge, String origin, String rpId) {
        byte[] clientData = clientData("webauthn.get", challenge, origin);
        byte[] authData = authDataHead(rpId, 0).toByteArray();
        byte[] signature;
        try {
            Signature s = Signature.getInstance(signatureAlgorithm);
            s.initSign(keys.getPrivate());
            s.update(authData);
            s.update(MessageDigest.getInstance("SHA-256").digest(clientData));
            signature = s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        String id = credentialId();
        return "{\"id\":\"" + id + "\",\"rawId\":\"" + id + "\",\"type\":\"public-key\",\"response\":{"
                + "\"clientDataJSON\":\"" + B64.encodeToString(clientData) + "\","
                + "\"authenticatorData\":\"" + B64.encodeToString(authData) + "\","
                + "\"signature\":\"" + B64.encodeToString(signature) + "\""
                // Never registered (the site does not know it): no user handle, as for a non-discoverable credential.
                + (userHandle == null ? "" : ",\"userHandle\":\"" + B64.encodeToString(userHandle) + "\"")
                + "},\"clientExtensionResults\":{}}";
    }

    private static byte[] clientData(String type, String challenge, String origin) {
        return ("{\"type\":\"" + type + "\",\"challenge\":\"" + challenge + "\",\"origin\":\"" + origin
                + "\",\"crossOrigin\":false}").getBytes(StandardCharsets.UTF_8);
    }

    private ByteArrayOutputStream authDataHead(String rpId, int extraFlags) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            out.writeBytes(MessageDigest.getInstance("SHA-256").digest(rpId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        out.write(FLAG_UP | (userVerified ? FLAG_UV : 0) | extraFlags);
        counter++;
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) counter).array());
        return out;
    }

    /** The public key as a COSE_Key: kty EC2 (2), alg (ES256 -7, ES384 -35), crv (P-256 1, P-384 2), x, y. */
    private byte[] coseKey() {
        ECPublicKey pub = (ECPublicKey) keys.getPublic();
        Map<Object, Object> key = new LinkedHashMap<>();
        key.put(1, 2);
        key.put(3, coseAlgorithm);
        key.put(-1, coseCurve);
        key.put(-2, unsigned(pub.getW().getAffineX()));
        key.put(-3, unsigned(pub.getW().getAffineY()));
        return Cbor.encode(key);
    }

    private byte[] unsigned(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[coordinateBytes];
        int n = Math.min(raw.length, coordinateBytes);
        System.arraycopy(raw, raw.length - n, out, coordinateBytes - n, n);
        return out;
    }

    /** The little of CBOR (RFC 8949) the authenticator data needs: integers, byte and text strings, maps. */
    static final class Cbor {

        private Cbor() {
        }

        static byte[] encode(Object value) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            write(out, value);
            return out.toByteArray();
        }

        private static void write(ByteArrayOutputStream out, Object value) {
            if (value instanceof Integer i) {
                head(out, i >= 0 ? 0 : 1, i >= 0 ? i : -1L - i);
            } else if (value instanceof byte[] b) {
                head(out, 2, b.length);
                out.writeBytes(b);
            } else if (value instanceof String s) {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                head(out, 3, b.length);
                out.writeBytes(b);
            } else if (value instanceof Map<?, ?> m) {
                head(out, 5, m.size());
                m.forEach((k, v) -> {
                    write(out, k);
                    write(out, v);
                });
            } else {
                throw new IllegalArgumentException("no CBOR for " + value);
            }
        }

        private static void head(ByteArrayOutputStream out, int major, long n) {
            int m = major << 5;
            if (n < 24) {
                out.write(m | (int) n);
            } else if (n < 256) {
                out.write(m | 24);
                out.write((int) n);
            } else {
                out.write(m | 25);
                out.write((int) (n >> 8));
                out.write((int) n);
            }
        }
    }
}
