package io.ssrguard.passkeys;

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
 * Seals a {@link PasskeyChallenge} into the challenge cookie's value and opens it again, through
 * {@link SealedTokens} like every token the pack seals, with its own associated data
 * ({@value #PURPOSE}) so that no other sealed value (CSRF token, OpenID Connect flow state) opens
 * as a challenge. Expiry is checked here; single use is {@link io.ssrguard.oidc.ConsumedFlows}'s.
 */
public final class PasskeyChallengeCodec {

    static final String PURPOSE = "ssrguard-passkey-challenge-v1";
    /** Longest cookie value worth decoding; a real one is about 300 characters. */
    static final int MAX_LENGTH = 2048;

    private final SealedTokens sealed;
    private final TokenLifetime lifetime;
    private final Clock clock;

    public PasskeyChallengeCodec(EncryptionKeys keys, Duration ttl, Clock clock, SecureRandom random) {
        this.sealed = new SealedTokens(keys.keys(), PURPOSE.getBytes(StandardCharsets.US_ASCII), random,
                "passkey challenge cookie", MAX_LENGTH, 2);
        this.lifetime = TokenLifetime.betweenNodes(ttl);
        this.clock = clock;
    }

    public String seal(PasskeyChallenge c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("k", c.ceremony().name());
        json.put("c", c.challenge());
        json.put("u", c.username());
        json.put("h", c.userHandle());
        json.put("t", c.issuedAt().toEpochMilli());
        return sealed.seal(JSONObjectUtils.toJSONString(json).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Opens a cookie value.
     *
     * @throws PasskeyRefusal 400 {@code invalid_challenge} when missing, malformed, not authentic or expired
     */
    public PasskeyChallenge open(String value) throws PasskeyRefusal {
        byte[] plain;
        try {
            plain = sealed.open(value);
        } catch (SealedTokens.UnreadableTokenException e) {
            throw invalid(e.reason() == SealedTokens.Unreadable.MISSING
                    ? "no passkey challenge cookie (no ceremony started in this browser, or it was finished)"
                    : e.getMessage());
        }
        PasskeyChallenge c = parse(plain);
        TokenLifetime.Verdict verdict = lifetime.judge(c.issuedAt(), clock.instant());
        if (verdict == TokenLifetime.Verdict.ISSUED_IN_THE_FUTURE) {
            throw invalid("passkey challenge issued in the future");
        }
        if (verdict == TokenLifetime.Verdict.EXPIRED) {
            throw invalid("passkey challenge expired (the ceremony took longer than " + lifetime.ttl().toSeconds() + " s)");
        }
        return c;
    }

    private static PasskeyChallenge parse(byte[] plain) throws PasskeyRefusal {
        try {
            Map<String, Object> json = JSONObjectUtils.parse(new String(plain, StandardCharsets.UTF_8));
            Long issued = JSONObjectUtils.getLong(json, "t");
            return new PasskeyChallenge(PasskeyChallenge.Ceremony.valueOf(JSONObjectUtils.getString(json, "k")),
                    JSONObjectUtils.getString(json, "c"), JSONObjectUtils.getString(json, "u"),
                    JSONObjectUtils.getString(json, "h"), Instant.ofEpochMilli(issued == null ? 0 : issued));
        } catch (ParseException | RuntimeException e) {
            // Authentic but unreadable: only a node running another version could have sealed it.
            throw invalid("passkey challenge cookie holds an unreadable payload");
        }
    }

    private static PasskeyRefusal invalid(String reason) {
        return new PasskeyRefusal(400, "invalid_challenge", reason);
    }
}
