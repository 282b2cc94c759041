package io.ssrguard.bench;

import io.ssrguard.auth.AccessCookies;
import io.ssrguard.auth.AuthSettings;
import io.ssrguard.auth.InvalidAccessTokenException;
import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SsrGuardProperties;
import io.ssrguard.cookies.CookieRules;
import io.ssrguard.http.RequestCookies;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Finding the access token among a browser's cookies, as the authentication
 * adapters do ({@code AccessCookies.read} over {@code RequestCookies.value}):
 * a realistic jar of ten cookies (analytics, consent, locale, the pack's own),
 * with the access cookie near the end. {@code split=true} reassembles the token
 * from its readable and httpOnly halves. The pack reads the {@code Cookie} header
 * itself ({@code RequestCookies}: no {@link Cookie} objects, which the containers
 * build for the whole jar on {@code getCookies()}), so this is the whole look-up. The
 * request is a {@link Proxy} that returns the header as the browser sent it; its
 * dispatch adds a few nanoseconds per look-up.
 */
@State(Scope.Benchmark)
public class CookieBenchmark extends BenchmarkDefaults {

    /** header.payload.signature of a real ES256 access token's length (about 480 characters). */
    static final String TOKEN = "eyJraWQiOiJlcyIsInR5cCI6IkpXVCIsImFsZyI6IkVTMjU2In0"
            + "." + "eyJzdWIiOiJhbGljZUBleGFtcGxlLmNvbSIsImF1ZCI6InNzcmd1YXJkIiwidXBuIjoiYWxpY2VAZXhhbXBsZS5jb20iLCJzaWQi"
            + "OiJiM0pwWjJsdVlXd3RabUZ0YVd4NUxXbGtMVEV5TXpRMU5qYzRPVEEiLCJpc3MiOiJzc3JndWFyZCIsImdyb3VwcyI6WyJ1c2VyIiwi"
            + "ZWRpdG9yIl0sImV4cCI6MTc5NTUzMDQwMCwiaWF0IjoxNzk1NTI5NTAwLCJqdGkiOiI0YjE1ZTI5Yy0zZDFkLTRiMjctOGQ1Zi1mOWE2"
            + "MGY5NTFhOTAifQ"
            + "." + "q3Y4kQ0qG9n0lX3jz3b1ZKp2cJm9XhQeH3cV7n8s2JqfTq0m4bX0o1WcZ7lD9K4yP5fRr6sA2uE8tN1vG3hB6Q";

    @Param({"false", "true"})
    public boolean split;

    private AccessCookies cookies;
    private HttpServletRequest request;
    private String header;

    @Setup
    public void jar() {
        MapSettings settings = MapSettings.profile("prod")
                .with(SsrGuardProperties.AUTH_SPLIT_COOKIE, Boolean.toString(split));
        cookies = new AccessCookies(AuthSettings.load(settings.reader()), CookieRules.load(settings.reader(), ""));
        List<Cookie> jar = new ArrayList<>(List.of(
                new Cookie("_ga", "GA1.1.1234567890.1732400000"),
                new Cookie("_ga_ABCDEF1234", "GS1.1.1732400000.3.1.1732400500.0.0.0"),
                new Cookie("cookie_consent", "necessary%2Canalytics"),
                new Cookie("locale", "de-CH"),
                new Cookie("__Host-ssrguard-csrf", "Sx0i7HkPq1b2c3d4e5f6g7h8i9j0kLmNoPqRsTuVwXyZ0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH"),
                new Cookie("ab_test", "checkout-v2"),
                new Cookie("__Host-ssrguard-rt", "dGhpcy1pcy1hLTI1Ni1iaXQtcmFuZG9tLXJlZnJlc2gtdG9rZW4")));
        int lastDot = TOKEN.lastIndexOf('.');
        if (split) {
            jar.add(new Cookie("__Host-ssrguard-at-hp", TOKEN.substring(0, lastDot)));
            jar.add(new Cookie("__Host-ssrguard-at-sig", TOKEN.substring(lastDot + 1)));
        } else {
            jar.add(new Cookie("__Host-ssrguard-at", TOKEN));
        }
        jar.add(new Cookie("theme", "dark"));
        header = jar.stream().map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
        request = (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getHeaders") && "Cookie".equals(args[0])) {
                        return Collections.enumeration(List.of(header));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        try {
            if (!read().equals(Optional.of(TOKEN))) {
                throw new IllegalStateException("the benchmark jar does not yield the token");
            }
        } catch (InvalidAccessTokenException e) {
            throw new IllegalStateException(e);
        }
    }

    @Benchmark
    public Optional<String> read() throws InvalidAccessTokenException {
        return cookies.read(name -> RequestCookies.value(request, name));
    }

    /**
     * The look-up as it was before the pack read the header itself, for comparison: what a
     * container does on a request's first {@code getCookies()} (a {@link Cookie} for every
     * pair of the header, with the Servlet 6 name check in its constructor), then a linear
     * search of that array per name.
     */
    @Benchmark
    public Optional<String> readThroughCookieObjects() throws InvalidAccessTokenException {
        String[] pairs = header.split("; ");
        Cookie[] jar = new Cookie[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            int eq = pairs[i].indexOf('=');
            jar[i] = new Cookie(pairs[i].substring(0, eq), pairs[i].substring(eq + 1));
        }
        return cookies.read(name -> {
            for (Cookie c : jar) {
                if (name.equals(c.getName())) {
                    return c.getValue();
                }
            }
            return null;
        });
    }
}
