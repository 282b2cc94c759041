package io.ssrguard.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Validates an OpenID Connect Back-Channel Logout 1.0 logout token (section 2.6)
 * with a nimbus {@link DefaultJWTProcessor}: the signature with the provider's
 * keys and one of the asymmetric algorithms it announces for ID tokens (never
 * the header's choice, never HMAC or {@code none}); {@code typ} absent,
 * {@code JWT} or {@code logout+jwt}; {@code iss} equal to the configured issuer;
 * {@code aud} containing the client id; {@code iat} not in the future beyond the
 * skew and not older than {@link #MAX_AGE}; {@code exp}, when present, not past;
 * a {@code jti}; the {@code events} member holding the back-channel logout event
 * as a JSON object; {@code sid} and/or {@code sub}; no {@code nonce}, so that an
 * ID token can never pass for a logout token.
 *
 * <p>{@link #MAX_AGE} bounds how long any logout token is accepted (providers
 * send them at once: Keycloak gives them a two-minute {@code exp}), and so how
 * long its {@code jti} must be remembered against replay.
 */
public final class LogoutTokenCheck {

    /** The event a logout token must carry (section 2.4). */
    public static final String BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";
    /** The longest a logout token is accepted after its {@code iat}, whatever its {@code exp}. */
    public static final Duration MAX_AGE = Duration.ofMinutes(5);
    /** The explicit type of section 2.4 (optional: many providers send {@code JWT}). */
    static final JOSEObjectType LOGOUT_JWT = new JOSEObjectType("logout+jwt");
    /** Longer identifiers are not what a provider sends; they would only fill the replay memory. */
    static final int MAX_CLAIM_LENGTH = 512;

    /**
     * A logout token that passed every check.
     *
     * @param jti              its identifier, for replay detection
     * @param sid              the provider's session id, when present
     * @param sub              the provider's subject, when present (at least one of the two is)
     * @param issuedAt         its {@code iat}: when the provider ended the session
     * @param acceptableUntil  after this the token is refused anyway: how long its jti must be remembered
     */
    public record LogoutToken(String jti, Optional<String> sid, Optional<String> sub, Instant issuedAt,
                              Instant acceptableUntil) {
    }

    private final String issuer;
    private final String clientId;
    private final Duration clockSkew;
    private final Clock clock;

    /**
     * @param issuer    the configured issuer, which {@code iss} must equal
     * @param clientId  the client id, which {@code aud} must contain
     * @param clockSkew tolerated clock difference on {@code iat} and {@code exp}
     */
    public LogoutTokenCheck(String issuer, String clientId, Duration clockSkew, Clock clock) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    /**
     * Validates a posted {@code logout_token}; when it names a key the provider's keys
     * lack, asks {@code reloadedKeys} once for fresher ones (rate-limited by discovery).
     *
     * @throws OidcRefusal 400 {@code invalid_request}, with the reason for the log
     */
    public LogoutToken validate(String serialized, DiscoveredProvider provider,
                                Supplier<DiscoveredProvider> reloadedKeys) throws OidcRefusal {
        JWT parsed;
        try {
            parsed = JWTParser.parse(serialized);
        } catch (ParseException e) {
            throw refused("logout token is not a JWT: " + e.getMessage(), e);
        }
        if (!(parsed instanceof SignedJWT signed)) {
            throw refused("logout token is not signed (" + parsed.getClass().getSimpleName() + ")", null);
        }
        String kid = signed.getHeader().getKeyID();
        DiscoveredProvider keys = provider;
        if (kid != null && provider.keys().getKeyByKeyId(kid) == null) {
            keys = reloadedKeys.get();
        }
        return validate(signed, keys);
    }

    LogoutToken validate(SignedJWT token, DiscoveredProvider provider) throws OidcRefusal {
        Set<JWSAlgorithm> algorithms = IdTokenCheck.algorithms(provider);
        if (!algorithms.contains(token.getHeader().getAlgorithm())) {
            throw refused("logout token algorithm " + token.getHeader().getAlgorithm() + " is not among " + algorithms,
                    null);
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, LOGOUT_JWT, null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms,
                new ImmutableJWKSet<>(provider.keys())));
        Instant now = clock.instant();
        processor.setJWTClaimsSetVerifier(new ClaimsVerifier(now));
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (BadJOSEException e) {
            throw refused("logout token rejected: " + e.getMessage(), e);
        } catch (JOSEException e) {
            throw refused("logout token could not be processed: " + e.getMessage(), e);
        }
        Instant issued = claims.getIssueTime().toInstant();
        Instant until = issued.plus(MAX_AGE);
        if (claims.getExpirationTime() != null && claims.getExpirationTime().toInstant().isBefore(until)) {
            until = claims.getExpirationTime().toInstant();
        }
        return new LogoutToken(claims.getJWTID(), Optional.ofNullable(stringClaim(claims, "sid")),
                Optional.ofNullable(claims.getSubject()), issued, until.plus(clockSkew));
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String s ? s : null;
    }

    /**
     * nimbus' claims checks ({@code iss} exact, {@code aud}, required and prohibited claims,
     * {@code exp} with the skew) at this request's instant, plus what is particular to logout tokens.
     */
    private final class ClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {

        private final Instant now;

        ClaimsVerifier(Instant now) {
            // Mutable sets: nimbus asks them contains(null), which Set.of refuses.
            super(new HashSet<>(List.of(clientId)), new JWTClaimsSet.Builder().issuer(issuer).build(),
                    new HashSet<>(List.of("iss", "aud", "iat", "jti", "events")), new HashSet<>(List.of("nonce")));
            this.now = now;
            setMaxClockSkew(Math.toIntExact(clockSkew.toSeconds()));
        }

        @Override
        protected Date currentTime() {
            return Date.from(now);
        }

        @Override
        public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
            super.verify(claims, context);
            Instant issued = claims.getIssueTime().toInstant();
            if (issued.isAfter(now.plus(clockSkew))) {
                throw new BadJWTException("iat is in the future (" + issued + ")");
            }
            if (issued.plus(MAX_AGE).plus(clockSkew).isBefore(now)) {
                throw new BadJWTException("iat is older than " + MAX_AGE.toMinutes() + " minutes (" + issued + ")");
            }
            if (!(claims.getClaim("events") instanceof Map<?, ?> events)
                    || !(events.get(BACKCHANNEL_LOGOUT_EVENT) instanceof Map<?, ?>)) {
                throw new BadJWTException("events lacks " + BACKCHANNEL_LOGOUT_EVENT + " as a JSON object");
            }
            String sid = claims.getClaim("sid") == null ? null : stringOrFail(claims, "sid");
            if (sid == null && claims.getSubject() == null) {
                throw new BadJWTException("neither sid nor sub present");
            }
            for (String name : new String[] {"jti", "sid", "sub"}) {
                if (claims.getClaim(name) instanceof String s && (s.isEmpty() || s.length() > MAX_CLAIM_LENGTH)) {
                    throw new BadJWTException(name + " is empty or longer than " + MAX_CLAIM_LENGTH + " characters");
                }
            }
        }

        private static String stringOrFail(JWTClaimsSet claims, String name) throws BadJWTException {
            if (claims.getClaim(name) instanceof String s) {
                return s;
            }
            throw new BadJWTException(name + " is not a string");
        }
    }

    private static OidcRefusal refused(String reason, Throwable cause) {
        return new OidcRefusal(400, "invalid_request", reason, cause);
    }
}
