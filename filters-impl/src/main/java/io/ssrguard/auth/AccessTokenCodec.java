package io.ssrguard.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.BadJWTException;
import io.ssrguard.config.SettingsException;
import io.ssrguard.keys.Ed25519JdkSigner;
import io.ssrguard.keys.KeyProvider;
import io.ssrguard.keys.TokenKey;
import java.security.Key;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * Issues and verifies the pack's access tokens: JWS compact JWTs with
 * MicroProfile JWT claims plus {@code sid}. Verification goes through a
 * configured nimbus {@link DefaultJWTProcessor}: the key is selected by
 * {@code kid} among the verification keys, the algorithm must be on the
 * configured allow-list (never taken from the token alone), and {@code iss},
 * {@code aud}, {@code exp}, {@code nbf} and {@code iat} (not in the future) are checked with a bounded clock skew.
 */
public final class AccessTokenCodec {

    private static final Set<String> REQUIRED_CLAIMS = Collections.unmodifiableSet(new HashSet<>(List.of("iss", "aud", "sub", "exp", "iat", "jti")));

    private final AuthSettings settings;
    private final Clock clock;
    private final TokenKey signingKey;
    private final JWSSigner signer;
    private final ConfigurableJWTProcessor<SecurityContext> processor;

    public AccessTokenCodec(KeyProvider keys, AuthSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.signingKey = keys.signingKey();
        settings.requireAllowed(signingKey.algorithm(), signingKey.keyId());
        this.signer = signerFor(signingKey);
        this.processor = processor(keys.verificationKeys(), settings, clock);
    }

    /** Signs a new access token for the caller in the given login session. */
    public String issue(Caller caller, String sessionId) {
        return issueVerified(caller, sessionId).token();
    }

    /**
     * Signs a new access token and returns it with its claims, so that the
     * request that obtained it can be authenticated without verifying it again.
     */
    public IssuedAccessToken issueVerified(Caller caller, String sessionId) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(settings.accessTokenTtl());
        String jti = UUID.randomUUID().toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .audience(settings.audience())
                .subject(caller.name())
                .claim("upn", caller.name())
                .claim("groups", List.copyOf(caller.groups()))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(jti)
                .claim("sid", sessionId)
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.parse(signingKey.algorithm()))
                .keyID(signingKey.keyId())
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with key '" + signingKey.keyId() + "' failed", e);
        }
        return new IssuedAccessToken(jwt.serialize(), new VerifiedAccessToken(caller, sessionId, jti,
                Date.from(expiresAt).toInstant()));
    }

    /**
     * Verifies a compact token.
     *
     * @throws InvalidAccessTokenException with a loggable reason when anything is wrong
     */
    public VerifiedAccessToken verify(String token) throws InvalidAccessTokenException {
        if (token == null || token.isEmpty()) {
            throw new InvalidAccessTokenException("empty token");
        }
        if (token.length() > AuthSettings.MAX_TOKEN_LENGTH) {
            throw new InvalidAccessTokenException("token longer than " + AuthSettings.MAX_TOKEN_LENGTH + " characters");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw new InvalidAccessTokenException("malformed token");
        } catch (ExpiredTokenException e) {
            throw InvalidAccessTokenException.expired();
        } catch (BadJOSEException e) {
            throw new InvalidAccessTokenException(e.getMessage());
        } catch (JOSEException | RuntimeException e) {
            // Nimbus may throw unchecked exceptions on hostile input; all of it is a bad token.
            throw new InvalidAccessTokenException("unverifiable token: " + e.getClass().getSimpleName());
        }
        try {
            List<String> groups = claims.getStringListClaim("groups");
            Caller caller = new Caller(claims.getSubject(), groups == null ? Set.of() : new HashSet<>(groups));
            return new VerifiedAccessToken(caller, claims.getStringClaim("sid"), claims.getJWTID(),
                    claims.getExpirationTime().toInstant());
        } catch (ParseException | IllegalArgumentException e) {
            throw new InvalidAccessTokenException("claims of the wrong type");
        }
    }

    /** A signed token past its {@code exp}. */
    private static final class ExpiredTokenException extends BadJWTException {
        private static final long serialVersionUID = 1L;

        ExpiredTokenException() {
            super("expired token");
        }
    }

    private static JWSSigner signerFor(TokenKey key) {
        Key k = key.signingKey();
        try {
            if (k instanceof ECPrivateKey ec) {
                return new ECDSASigner(ec);
            }
            if (k instanceof EdECPrivateKey ed) {
                return new Ed25519JdkSigner(ed);
            }
            if (k instanceof SecretKey secret) {
                return new MACSigner(secret);
            }
            if (k instanceof PrivateKey rsa) {
                return new RSASSASigner(rsa);
            }
        } catch (JOSEException e) {
            throw new SettingsException("signing key '" + key.keyId() + "' cannot sign: " + e.getMessage(), e);
        }
        throw new SettingsException("signing key '" + key.keyId() + "' has no private part to sign with");
    }

    private static ConfigurableJWTProcessor<SecurityContext> processor(List<TokenKey> keys, AuthSettings settings,
                                                                       Clock clock) {
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
        // EC/RSA/HMAC keys are selected and verified by nimbus as before; EdDSA by the JDK (see both classes).
        p.setJWSKeySelector(new TokenKeySelector(keys, settings.algorithms()));
        p.setJWSVerifierFactory(new TokenVerifierFactory());
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                new HashSet<>(List.of(settings.audience())),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
                REQUIRED_CLAIMS,
                // Nimbus probes these sets with null: they must be null-tolerant, so no Set.of().
                Collections.emptySet()) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }

            @Override
            public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
                // Called only once the signature verified. A token dated ahead of this clock by more than the
                // skew was not issued by a node of this site in sync with it: refused, and no refresh repairs it.
                Date iat = claims.getIssueTime();
                if (iat != null && iat.getTime() > currentTime().getTime() + getMaxClockSkew() * 1000L) {
                    throw new BadJWTException("token issued in the future");
                }
                // Expiry is told apart because a refresh may repair it.
                Date exp = claims.getExpirationTime();
                if (exp != null && currentTime().getTime() > exp.getTime() + getMaxClockSkew() * 1000L) {
                    throw new ExpiredTokenException();
                }
                super.verify(claims, context);
            }
        };
        claims.setMaxClockSkew((int) settings.clockSkew().toSeconds());
        p.setJWTClaimsSetVerifier(claims);
        return p;
    }
}
