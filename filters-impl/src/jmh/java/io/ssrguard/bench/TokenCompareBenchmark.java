package io.ssrguard.bench;

import io.ssrguard.http.PresentedToken;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The constant-time comparison behind every cache hit of a presented token (the verified
 * access token, the opened CSRF token) and the CSRF double submit: two equal strings of a
 * token's length, distinct instances, as a request's cookie and the cached key are.
 */
@State(Scope.Benchmark)
public class TokenCompareBenchmark extends BenchmarkDefaults {

    @Param({"100", "480"})
    public int length;

    private String a;
    private String b;

    @Setup
    public void tokens() {
        StringBuilder s = new StringBuilder();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt((i * 7 + 3) % alphabet.length()));
        }
        a = s.toString();
        b = new String(a.toCharArray());
    }

    @Benchmark
    public boolean constantTimeEquals() {
        return PresentedToken.constantTimeEquals(a, b);
    }
}
