package io.ssrguard.bench;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SsrGuardProperties;
import io.ssrguard.csp.CspHeaderTemplate;
import io.ssrguard.csp.CspProtection;
import java.time.Clock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The CSP filter's per-request work, on a {@link CspProtection} started the
 * production way (config source, prod profile) with a realistic policy:
 * {@code nonceAndHeader} is what the filter does for each response (a fresh
 * nonce from {@code SecureRandom}, then the cached header with the nonce in
 * place); {@code nonce} and {@code render} split that cost in two.
 */
@State(Scope.Benchmark)
public class CspBenchmark extends BenchmarkDefaults {

    static final String POLICY = "default-src 'self'; script-src 'self' https://cdn.example.com;"
            + " style-src 'self' https://fonts.googleapis.com; img-src 'self' data: https://images.example.com;"
            + " font-src 'self' https://fonts.gstatic.com; connect-src 'self' https://api.example.com;"
            + " frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    private CspProtection csp;
    private CspHeaderTemplate template;
    private String nonce;

    @Setup(Level.Trial)
    public void start() {
        csp = CspProtection.start(MapSettings.profile("prod").with(SsrGuardProperties.CSP_POLICY, POLICY).reader(),
                "", Clock.systemUTC(), name -> null);
        template = csp.policy().orElseThrow().current();
        if (!template.usesNonce()) {
            throw new IllegalStateException("the benchmark policy should carry a nonce: " + template);
        }
        nonce = csp.newNonce();
    }

    @TearDown(Level.Trial)
    public void stop() {
        csp.stop();
    }

    @Benchmark
    public String nonceAndHeader() {
        return csp.headerValue(csp.newNonce());
    }

    @Benchmark
    public String nonce() {
        return csp.newNonce();
    }

    @Benchmark
    public String render() {
        return template.render(nonce);
    }
}
