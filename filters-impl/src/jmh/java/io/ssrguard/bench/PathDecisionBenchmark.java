package io.ssrguard.bench;

import io.ssrguard.auth.PathConstraints;
import io.ssrguard.gate.GateSettings;
import io.ssrguard.gate.SiteGate;
import io.ssrguard.guard.GuardSettings;
import io.ssrguard.guard.InternalGuard;
import io.ssrguard.http.PathPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The path decisions every request goes through, with the sample's settings:
 * the internal guard (is the path guarded?), the site gate for an anonymous
 * request to a public path (it walks the pack's endpoint list), and the
 * role constraint that governs a signed-in request to {@code /api/notes}.
 * Plain values only; the container's path computation is not measured.
 */
@State(Scope.Benchmark)
public class PathDecisionBenchmark extends BenchmarkDefaults {

    static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

    private InternalGuard guard;
    private SiteGate gate;
    private PathConstraints constraints;
    private final Set<String> groups = Set.of("user", "editor");

    @Setup
    public void settings() {
        guard = new InternalGuard(new GuardSettings(List.of(PathPattern.parse("/internal/*", "bench")),
                List.of("c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTEyMzQ"), "X-Internal-Secret",
                List.of(PathPattern.parse("/internal/health", "bench")), List.of("kube-probe/*")));
        List<PathPattern> open = new ArrayList<>();
        for (String p : List.of("/auth/login", "/auth/refresh", "/auth/logout", "/auth/me", "/auth/csrf",
                "/auth/signin", "/csp-report", "/oidc/*", "/health", "/public/*")) {
            open.add(PathPattern.parse(p, "bench"));
        }
        gate = new SiteGate(new GateSettings(open, "/auth/signin"));
        constraints = PathConstraints.parse(List.of("/api/admin/*=admin", "/api/notes/*=user", "/api/*=*"));
    }

    /** Guard, gate and constraint of one request each. */
    @Benchmark
    public void request(Blackhole bh) {
        bh.consume(guard.decide("/api/notes", null, USER_AGENT));
        bh.consume(gate.decide(false, "", "/public/app.js", "/public/app.js", false));
        bh.consume(constraints.governing("/api/notes").orElseThrow().allows(groups));
    }
}
