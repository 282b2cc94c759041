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
final class HttpSession {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            // Browsers reach the container over HTTP/1.1 or TLS h2; never the h2c upgrade the JDK tries by default.
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final URI base;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    HttpSession(URI base) {
        this.base = base;
    }

    /** Sets or replaces a cookie sent with every following request. */
    HttpSession cookie(String name, String value) {
        cookies.put(name, value);
        return this;
    }

    String cookie(String name) {
        return cookies.get(name);
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    HttpResponse<String> postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> post(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> login(String user, String password) {
        return postJson("auth/login", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (!cookies.isEmpty()) {
            List<String> pairs = new ArrayList<>();
            cookies.forEach((k, v) -> pairs.add(k + "=" + v));
            b.header("Cookie", String.join("; ", pairs));
        }
        return b;
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String setCookie : response.headers().allValues("Set-Cookie")) {
                SetCookie c = SetCookie.parse(setCookie);
                if (c.deletes()) {
                    cookies.remove(c.name());
                } else {
                    cookies.put(c.name(), c.value());
                }
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
