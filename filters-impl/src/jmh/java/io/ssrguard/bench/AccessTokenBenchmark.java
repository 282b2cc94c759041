package io.ssrguard.bench;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
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
import io.ssrguard.keys.JwksGenerator;
import io.ssrguard.keys.KeyProvider;
import io.ssrguard.keys.TokenKey;
import io.ssrguard.refresh.EndedFamilies;
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
 * Access tokens per algorithm: {@code sign} is issuing one, as every sign-in and
 * every refresh-token rotation does; {@code cold} is the codec's full verification
 * (a token seen for the first time, or the cache switched off), as
 * {@code CookieAuthenticator} runs it; {@code warm} goes through
 * {@link CachingTokenVerifier} with the default cache size, as every later request
 * of the same browser does.
 */
@State(Scope.Benchmark)
public class AccessTokenBenchmark extends BenchmarkDefaults {

    @Param({"HS256", "ES256", "RS256", "EdDSA"})
    public String alg;

    private static final Caller CALLER = new Caller("alice@example.com", Set.of("user", "editor"));
    private static final String FAMILY = "b3JpZ2luYWwtZmFtaWx5LWlkLTEyMzQ1Njc4OTA";

    private AccessTokenCodec codec;
    private CachingTokenVerifier cached;
    private String token;

    @Setup(Level.Trial)
    public void keys() throws Exception {
        JWSAlgorithm algorithm = JWSAlgorithm.parse(alg);
        TokenKey key = JwkKeys.toTokenKey(generate(algorithm), "benchmark");
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
        MapSettings settings = MapSettings.profile("prod").with(SsrGuardProperties.AUTH_ALGORITHMS, alg);
        AuthSettings auth = AuthSettings.load(settings.reader());
        Clock clock = Clock.systemUTC();
        codec = new AccessTokenCodec(keys, auth, clock);
        cached = new CachingTokenVerifier(codec, VerifiedTokenCache.load(settings.reader(), auth.clockSkew(), clock),
                new EndedFamilies(EndedFamilies.retention(auth.accessTokenTtl(), auth.clockSkew())));
    }

    /** A fresh token each iteration, so that no run outlives the token's 15 minutes. */
    @Setup(Level.Iteration)
    public void token() {
        token = codec.issue(CALLER, FAMILY);
    }

    @Benchmark
    public String sign() {
        return codec.issue(CALLER, FAMILY);
    }

    @Benchmark
    public VerifiedAccessToken cold() throws InvalidAccessTokenException {
        return codec.verify(token);
    }

    @Benchmark
    public VerifiedAccessToken warm() throws InvalidAccessTokenException {
        return cached.verify(token);
    }

    /**
     * The key the pack's own generator makes ({@code java -jar filters-impl.jar secrets},
     * {@link JwksGenerator}): RSA 3072 bits, P-256, Ed25519, a 256-bit HMAC secret; so
     * the figures are those of the keys users are told to generate.
     */
    private static JWK generate(JWSAlgorithm alg) throws Exception {
        return JwksGenerator.generate(alg, "benchmark");
    }
}
