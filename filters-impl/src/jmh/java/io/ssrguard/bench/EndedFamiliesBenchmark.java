package io.ssrguard.bench;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import io.ssrguard.auth.AccessTokenCodec;
import io.ssrguard.auth.AuthSettings;
import io.ssrguard.auth.CachingTokenVerifier;
import io.ssrguard.auth.Caller;
import io.ssrguard.auth.InvalidAccessTokenException;
import io.ssrguard.auth.VerifiedAccessToken;
import io.ssrguard.auth.VerifiedTokenCache;
import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SsrGuardProperties;
import io.ssrguard.keys.JwkKeys;
import io.ssrguard.keys.KeyProvider;
import io.ssrguard.keys.TokenKey;
import io.ssrguard.refresh.EndedFamilies;
import io.ssrguard.refresh.RefreshTokenFormat;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What refusing ended families costs a request: {@code warm} is a cached
 * access-token verification, the common request, which now also looks the
 * token's {@code sid} up in the node's {@link EndedFamilies}; {@code lookup}
 * is that look-up alone. {@code ended} is how many ended families the node
 * knows: none, or a hundred thousand (sign-outs of the last ~16 minutes on a
 * busy cluster), to show that the size of the set does not matter.
 */
@State(Scope.Benchmark)
public class EndedFamiliesBenchmark extends BenchmarkDefaults {

    @Param({"0", "100000"})
    public int ended;

    private AccessTokenCodec codec;
    private CachingTokenVerifier verifier;
    private EndedFamilies endedFamilies;
    private String sessionId;
    private String token;

    @Setup(Level.Trial)
    public void fill() throws Exception {
        TokenKey key = JwkKeys.toTokenKey(new OctetSequenceKeyGenerator(256).keyID("hs")
                .algorithm(JWSAlgorithm.HS256).generate(), "benchmark");
        KeyProvider keys = new KeyProvider() {
            @Override
            public TokenKey signingKey() {
                return key;
            }

            @Override
            public List<TokenKey> verificationKeys() {
                return List.of(key);
            }
        };
        MapSettings settings = MapSettings.profile("prod").with(SsrGuardProperties.AUTH_ALGORITHMS, "HS256");
        AuthSettings auth = AuthSettings.load(settings.reader());
        Clock clock = Clock.systemUTC();
        codec = new AccessTokenCodec(keys, auth, clock);
        endedFamilies = new EndedFamilies(EndedFamilies.retention(auth.accessTokenTtl(), auth.clockSkew()));
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < ended; i++) {
            endedFamilies.add(RefreshTokenFormat.familyId(random), clock.instant());
        }
        verifier = new CachingTokenVerifier(codec, VerifiedTokenCache.load(settings.reader(), auth.clockSkew(), clock),
                endedFamilies);
        sessionId = RefreshTokenFormat.familyId(random);
    }

    /** A fresh token each iteration, so that no run outlives the token's 15 minutes. */
    @Setup(Level.Iteration)
    public void token() {
        token = codec.issue(new Caller("alice@example.com", Set.of("user", "editor")), sessionId);
    }

    @Benchmark
    public VerifiedAccessToken warm() throws InvalidAccessTokenException {
        return verifier.verify(token);
    }

    @Benchmark
    public boolean lookup() {
        return endedFamilies.contains(sessionId);
    }
}
