package io.ssrguard.bench;

import io.ssrguard.csrf.CsrfPurpose;
import io.ssrguard.csrf.CsrfRejectedException;
import io.ssrguard.csrf.CsrfSettings;
import io.ssrguard.csrf.CsrfToken;
import io.ssrguard.csrf.CsrfTokenCodec;
import io.ssrguard.csrf.CsrfVerifier;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import javax.crypto.KeyGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * CSRF checks of an unsafe request, with the default TTLs and two keys (an
 * active and a previous one, as during a key rotation; good tokens decrypt
 * under the first): a double-submitted client token and an SSR bypass token,
 * both bound to a browser User-Agent and a login session. Target: under 2 µs each.
 */
@State(Scope.Benchmark)
public class CsrfBenchmark extends BenchmarkDefaults {

    static final String USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0.0.0 Safari/537.36";
    static final String SESSION = "b3JpZ2luYWwtZmFtaWx5LWlkLTEyMzQ1Njc4OTA";

    private CsrfTokenCodec codec;
    private CsrfVerifier verifier;
    private String clientToken;
    private String ssrToken;

    @Setup(Level.Trial)
    public void keys() throws Exception {
        KeyGenerator aes = KeyGenerator.getInstance("AES");
        aes.init(256);
        Clock clock = Clock.systemUTC();
        codec = new CsrfTokenCodec(List.of(aes.generateKey(), aes.generateKey()), clock, new SecureRandom());
        verifier = new CsrfVerifier(codec, CsrfSettings.DEFAULT_CLIENT_TTL, CsrfSettings.DEFAULT_SSR_TTL,
                CsrfSettings.DEFAULT_CLOCK_SKEW, clock);
    }

    /** Fresh tokens each iteration: an SSR token lives only 60 seconds. */
    @Setup(Level.Iteration)
    public void tokens() {
        clientToken = codec.mint(CsrfPurpose.CLIENT, USER_AGENT, SESSION);
        ssrToken = codec.mint(CsrfPurpose.SSR, USER_AGENT, SESSION);
    }

    @Benchmark
    public CsrfToken clientToken() throws CsrfRejectedException {
        // Cookie and header are distinct String objects on a real request; equal content.
        return verifier.verifyClient(clientToken, new String(clientToken), USER_AGENT, SESSION);
    }

    @Benchmark
    public CsrfToken ssrToken() throws CsrfRejectedException {
        return verifier.verifySsr(ssrToken, USER_AGENT, SESSION);
    }
}
