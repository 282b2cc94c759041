package io.ssrguard.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal browser for tests: real HTTP, cookies kept by hand so that tests
 * see and control every attribute (Java's CookieManager drops Secure cookies
 * over http and hides the attributes).
 */
public final class HttpSession {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            // Browsers reach the container over HTTP/1.1 or TLS h2; never the h2c upgrade the JDK tries by default.
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final URI base;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrfToken;
    private boolean autoCsrf = true;
    private String userAgent;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public HttpSession(URI base) {
        this.base = base;
    }

    /** Sets or replaces a cookie sent with every following request. */
    public HttpSession cookie(String name, String value) {
        cookies.put(name, value);
        return this;
    }

    public String cookie(String name) {
        return cookies.get(name);
    }

    /** Every cookie this session holds, name to value, for handing a signed-in session to another client. */
    public Map<String, String> cookies() {
        return Map.copyOf(cookies);
    }

    /** Forgets a cookie, as if the browser had lost it. */
    public HttpSession dropCookie(String name) {
        cookies.remove(name);
        return this;
    }

    /** The CSRF token this session sends in {@code X-XSRF-TOKEN}, learned from the last response that carried one. */
    public String csrfToken() {
        return csrfToken;
    }

    /**
     * Stops sending {@code X-XSRF-TOKEN} by itself on unsafe requests, for the
     * tests that build CSRF headers by hand.
     */
    public HttpSession manualCsrf() {
        autoCsrf = false;
        return this;
    }

    /**
     * Sends this {@code User-Agent} on every following request instead of the
     * JDK client's default, for tests that bind tokens to it.
     */
    public HttpSession userAgent(String value) {
        userAgent = value;
        return this;
    }

    /**
     * Sends this header on every following request, such as the {@code X-Forwarded-For} of a proxy the
     * deployment trusts, so that one test plays many clients.
     */
    public HttpSession header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The {@code User-Agent} this session sends, or {@code null} for the JDK client's default. */
    public String userAgent() {
        return userAgent;
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    /** A page load, as a browser with Fetch Metadata sends it (clicking a link, typing the address). */
    public HttpResponse<String> navigate(String path) {
        return send(request(path).header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Dest", "document")
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
    }

    /** A script's request ({@code fetch}, XHR) for JSON, as a browser sends it. */
    public HttpResponse<String> xhr(String path) {
        return send(request(path).header("Sec-Fetch-Mode", "cors").header("Sec-Fetch-Dest", "empty")
                .header("Accept", "application/json"));
    }

    public HttpResponse<String> postJson(String path, String json) {
        return post(path, "application/json", json);
    }

    /**
     * A POST as a single-page app sends it: with the CSRF token in
     * {@code X-XSRF-TOKEN}, fetched from {@code /auth/csrf} first if this
     * session has none yet (unless {@link #manualCsrf()}).
     */
    public HttpResponse<String> post(String path, String contentType, String body) {
        if (autoCsrf && csrfToken == null) {
            get("auth/csrf");
        }
        HttpRequest.Builder request = request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (autoCsrf) {
            if (csrfToken != null) {
                request.header("X-XSRF-TOKEN", csrfToken);
            }
        }
        return send(request);
    }

    public HttpResponse<String> login(String user, String password) {
        return postJson("auth/login", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (userAgent != null) {
            b.setHeader("User-Agent", userAgent);
        }
        headers.forEach(b::setHeader);
        if (!cookies.isEmpty()) {
            b.header("Cookie", cookieHeader());
        }
        return b;
    }

    /** The {@code Cookie} header this session sends (empty when it has no cookies). */
    public String cookieHeader() {
        List<String> pairs = new ArrayList<>();
        cookies.forEach((k, v) -> pairs.add(k + "=" + v));
        return String.join("; ", pairs);
    }

    /** Stores or deletes a cookie as a browser does on a {@code Set-Cookie} header. */
    public HttpSession receive(String setCookie) {
        SetCookie c = SetCookie.parse(setCookie);
        if (c.deletes()) {
            cookies.remove(c.name());
        } else {
            cookies.put(c.name(), c.value());
        }
        return this;
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            response.headers().firstValue("X-XSRF-TOKEN").ifPresent(t -> csrfToken = t);
            response.headers().allValues("Set-Cookie").forEach(this::receive);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
