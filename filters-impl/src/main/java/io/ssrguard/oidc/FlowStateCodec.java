package io.ssrguard.oidc;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.ssrguard.keys.EncryptionKeys;
import io.ssrguard.keys.SealedTokens;
import io.ssrguard.keys.TokenLifetime;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seals a {@link FlowState} into the flow-state cookie value and opens it
 * again through {@link SealedTokens}, like every token the pack seals: base64url (no padding) of {@code IV (12 bytes) || AES-256-GCM
 * ciphertext || tag}, over a small JSON object, with the associated data
 * {@value #PURPOSE}. The associated data keeps the two uses of the shared AES
 * keys apart: a CSRF token (no associated data) never opens as flow state,
 * nor the other way round. Expiry is checked here, against the clock.
 *
 * <p>Thread-safe; a Cipher is created per call, which is fine for two calls per sign-in.
 */
public final class FlowStateCodec {

    /** Associated data bound into every sealed flow state. */
    static final String PURPOSE = "ssrguard-oidc-flow-v1";
    /** Longest cookie value worth decoding; a real one is under 2 KB. */
    static final int MAX_LENGTH = 4096;

    private final SealedTokens sealed;
    private final TokenLifetime lifetime;
    private final Clock clock;

    /**
     * @param keys   AES-256 keys; the first seals, all are tried when opening (key rotation)
     * @param ttl    how long a sealed flow state opens
     * @param clock  the time of sealing and opening
     * @param random source of IVs
     */
    public FlowStateCodec(EncryptionKeys keys, Duration ttl, Clock clock, SecureRandom random) {
        this.sealed = new SealedTokens(keys.keys(), PURPOSE.getBytes(StandardCharsets.US_ASCII), random,
                "flow-state cookie", MAX_LENGTH, 2);
        this.lifetime = TokenLifetime.betweenNodes(ttl);
        this.clock = clock;
    }

    /** Seals a flow state under the active key. */
    public String seal(FlowState flow) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("s", flow.state());
        json.put("n", flow.nonce());
        json.put("v", flow.codeVerifier());
        json.put("r", flow.returnTo());
        json.put("u", flow.redirectUri());
        json.put("m", flow.rememberMe());
        json.put("t", flow.issuedAt().toEpochMilli());
        byte[] plain = JSONObjectUtils.toJSONString(json).getBytes(StandardCharsets.UTF_8);
        return sealed.seal(plain);
    }

    /**
     * Opens a cookie value.
     *
     * @throws OidcRefusal 400 {@code invalid_flow} when the value is malformed, tampered with,
     *                     sealed under an unknown key, or expired
     */
    public FlowState open(String value) throws OidcRefusal {
        byte[] plain;
        try {
            plain = sealed.open(value);
        } catch (SealedTokens.UnreadableTokenException e) {
            throw invalid(e.reason() == SealedTokens.Unreadable.MISSING
                    ? "no flow-state cookie (callback without a sign-in started in this browser, or replayed)"
                    : e.getMessage());
        }
        FlowState flow = parse(plain);
        TokenLifetime.Verdict verdict = lifetime.judge(flow.issuedAt(), clock.instant());
        if (verdict == TokenLifetime.Verdict.ISSUED_IN_THE_FUTURE) {
            throw invalid("flow state issued in the future");
        }
        if (verdict == TokenLifetime.Verdict.EXPIRED) {
            throw invalid("flow state expired (sign-in took longer than " + lifetime.ttl().toSeconds() + " s)");
        }
        return flow;
    }

    private static FlowState parse(byte[] plain) throws OidcRefusal {
        try {
            Map<String, Object> json = JSONObjectUtils.parse(new String(plain, StandardCharsets.UTF_8));
            Long issued = JSONObjectUtils.getLong(json, "t");
            Boolean rememberMe = JSONObjectUtils.getBoolean(json, "m");
            return new FlowState(JSONObjectUtils.getString(json, "s"), JSONObjectUtils.getString(json, "n"),
                    JSONObjectUtils.getString(json, "v"), JSONObjectUtils.getString(json, "r"),
                    JSONObjectUtils.getString(json, "u"), Boolean.TRUE.equals(rememberMe),
                    Instant.ofEpochMilli(issued == null ? 0 : issued));
        } catch (ParseException | NullPointerException e) {
            // Authentic but malformed: only a node running another version could have sealed it.
            throw invalid("flow-state cookie holds an unreadable payload");
        }
    }

    private static OidcRefusal invalid(String reason) {
        return new OidcRefusal(400, "invalid_flow", reason);
    }
}
