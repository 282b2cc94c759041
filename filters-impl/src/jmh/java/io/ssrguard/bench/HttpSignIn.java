package io.ssrguard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One browser's session with a deployed SSR Guard application, driven over real HTTP:
 * the cookies it holds (applied from every {@code Set-Cookie}, as a browser would) and
 * the CSRF token it echoes. Used by the refresh benchmark to rotate a refresh cookie
 * through {@code POST /auth/refresh} the way a page whose access cookie expired does.
 */
final class HttpSignIn {

    static final String USER_AGENT = "ssrguard-refresh-benchmark/1.0";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;
    private final URI base;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrfToken;

    private HttpSignIn(HttpClient client, URI base) {
        this.client = client;
        this.base = base;
    }

    /**
     * Signs in as a browser does: {@code GET /auth/csrf} for an anonymous token, then
     * {@code POST /auth/login} with it. Each sign-in starts its own refresh family.
     */
    static HttpSignIn signIn(HttpClient client, URI base, String user, String password)
            throws IOException, InterruptedException {
        HttpSignIn session = new HttpSignIn(client, base);
        session.send("GET", "/auth/csrf", null, 200);
        session.send("POST", "/auth/login", "{\"username\":\"" + user + "\",\"password\":\"" + password
                + "\",\"rememberMe\":false}", 200);
        if (session.refreshCookie() == null) {
            throw new IllegalStateException("the login at " + base + " set no refresh cookie: " + session.cookies.keySet());
        }
        // What a browser holds once its short-lived access cookie has expired: refresh and CSRF cookies only.
        session.cookies.keySet().removeIf(name -> name.endsWith("ssrguard-at"));
        return session;
    }

    /**
     * {@code POST /auth/refresh}: one rotation. Fails unless the answer is 200 with a
     * new refresh cookie; drops the access cookie it got, so the next call is the same work.
     */
    void rotate() throws IOException, InterruptedException {
        String before = refreshCookie();
        send("POST", "/auth/refresh", "", 200);
        String after = refreshCookie();
        if (after == null || after.equals(before)) {
            throw new IllegalStateException("POST /auth/refresh answered 200 without a new refresh cookie");
        }
        cookies.keySet().removeIf(name -> name.endsWith("ssrguard-at"));
    }

    private String refreshCookie() {
        return cookies.entrySet().stream().filter(e -> e.getKey().endsWith("ssrguard-rt"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private void send(String method, String path, String json, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("User-Agent", USER_AGENT);
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        if (csrfToken != null) {
            request.header("X-XSRF-TOKEN", csrfToken);
        }
        if (json == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(300, response.body().length())));
        }
        apply(response.headers().allValues("Set-Cookie"));
        response.headers().firstValue("X-XSRF-TOKEN").ifPresent(token -> csrfToken = token);
    }

    /** Keeps each cookie's name and value; a cookie set to expire is dropped, as a browser drops it. */
    private void apply(List<String> setCookies) {
        for (String setCookie : setCookies) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = pair.substring(0, eq).strip();
            String value = pair.substring(eq + 1).strip();
            String attributes = setCookie.toLowerCase(java.util.Locale.ROOT);
            if (value.isEmpty() || attributes.contains("max-age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
    }
}
