package io.ssrguard.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/**
 * The full chain over HTTP/2, as browsers speak it: TLS with ALPN, many streams on one
 * connection. With the pack on Payara Server over HTTPS, browsers once saw
 * {@code ERR_HTTP2_PROTOCOL_ERROR} on static resources; this sends the same kinds of
 * request a page load makes (pages, static files large and small, conditional and
 * {@code HEAD} requests, error answers of the pack and of the container, JSON
 * endpoints, a CSP report) at once over one HTTP/2 connection, and checks that each
 * completes, carries no header HTTP/2 forbids, and answers what the same request
 * answers over HTTP/1.1.
 *
 * <p>Each container module names its TLS port in the system property {@code it.httpsPort}
 * (Payara Micro's {@code --sslport}, WildFly's https listener, the HTTP/2 connector the
 * Tomcat module adds). The server certificates are self-signed test certificates, so the
 * client trusts any and the build switches the JDK client's host-name check off
 * ({@code jdk.internal.httpclient.disableHostnameVerification}).
 */
public interface Http2Tests {

    /** Headers that are specific to one HTTP/1.1 connection; RFC 9113 8.2.2 makes a response carrying them malformed. */
    Set<String> CONNECTION_SPECIFIC = Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding",
            "upgrade");
    /** A static resource of the size of a map library's script, so that it takes many DATA frames. */
    String LARGE_STATIC = "static/large-library.js";
    int LARGE_STATIC_BYTES = 300 * 1024;

    URI base();

    /** The {@code LARGE_STATIC} file's content: JavaScript, so that it is served with its real type. */
    static String largeStatic() {
        StringBuilder js = new StringBuilder(LARGE_STATIC_BYTES + 100);
        for (int i = 0; js.length() < LARGE_STATIC_BYTES; i++) {
            js.append("window.largeLibrary").append(i % 10).append(" = '").append("x".repeat(60)).append("';\n");
        }
        return js.toString();
    }

    @Test
    default void everyResponseCompletesOverHttp2AndAnswersAsOverHttp11() throws Exception {
        URI h2Base = httpsBase();
        HttpClient h2 = client(HttpClient.Version.HTTP_2);
        HttpClient h1 = client(HttpClient.Version.HTTP_1_1);

        // A signed-in user over HTTP/2: sign-in itself (CSRF token first) goes over HTTP/2 too.
        HttpResponse<String> csrf = h2.send(get(h2Base, "auth/csrf", null).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_2, csrf.version(), "ALPN chose HTTP/2 on " + h2Base);
        String cookies = cookies(csrf);
        String token = csrf.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
        HttpResponse<String> login = h2.send(HttpRequest.newBuilder(h2Base.resolve("auth/login"))
                .header("Cookie", cookies).header("X-XSRF-TOKEN", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\",\"password\":\"alice123\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        String signedIn = cookies(login);

        HttpResponse<String> script = h2.send(get(h2Base, "static/app.js", null).build(),
                HttpResponse.BodyHandlers.ofString());
        String lastModified = script.headers().firstValue("Last-Modified").orElse(null);

        List<Function<URI, HttpRequest>> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            requests.add(b -> get(b, "static/app.js", null).build());
            requests.add(b -> get(b, LARGE_STATIC, null).build());
        }
        requests.add(b -> get(b, "", null).header("Accept", "text/html").build());
        requests.add(b -> get(b, "", signedIn).header("Accept", "text/html").build());
        requests.add(b -> get(b, "static/app.js", signedIn).build());
        requests.add(b -> get(b, LARGE_STATIC, signedIn).build());
        requests.add(b -> get(b, "static/app.js", signedIn).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        if (lastModified != null) {
            requests.add(b -> get(b, "static/app.js", signedIn).header("If-Modified-Since", lastModified).build());
        }
        // Browsers send every cookie of the site with every resource: a large session (an OpenID Connect
        // token with many groups, split over two cookies) plus the site's other cookies.
        for (int size : new int[] {2048, 4096, 6144}) {
            String crowded = signedIn + "; site-prefs=" + "p".repeat(size);
            requests.add(b -> get(b, "static/app.js", crowded).build());
            requests.add(b -> get(b, LARGE_STATIC, crowded).build());
            requests.add(b -> get(b, "api/profile", crowded).build());
        }
        requests.add(b -> get(b, "static/no-such-file.css", signedIn).build());
        requests.add(b -> get(b, "no-such-page", null).build());
        requests.add(b -> get(b, "api/profile", null).build());
        requests.add(b -> get(b, "api/profile", signedIn).build());
        requests.add(b -> get(b, "api/admin", signedIn).build());
        requests.add(b -> get(b, "auth/me", signedIn).build());
        requests.add(b -> get(b, "internal/diagnostics", signedIn).build());
        requests.add(b -> get(b, "api/notes", signedIn).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"no CSRF token\"}")).build());
        requests.add(b -> get(b, "csp-report", null).header("Content-Type", "application/csp-report")
                .POST(HttpRequest.BodyPublishers.ofString("{\"csp-report\":{\"document-uri\":\"" + b
                        + "\",\"violated-directive\":\"script-src\",\"effective-directive\":\"script-src\","
                        + "\"blocked-uri\":\"inline\",\"original-policy\":\"script-src 'self'\"}}")).build());

        // All at once over one connection, as a browser loads a page.
        List<CompletableFuture<HttpResponse<byte[]>>> overH2 = new ArrayList<>();
        for (Function<URI, HttpRequest> request : requests) {
            overH2.add(h2.sendAsync(request.apply(h2Base), HttpResponse.BodyHandlers.ofByteArray()));
        }
        List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            HttpRequest asked = requests.get(i).apply(h2Base);
            String what = asked.method() + " " + asked.uri().getPath();
            HttpResponse<byte[]> h2Answer;
            try {
                h2Answer = overH2.get(i).get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new AssertionError(what + " did not complete over HTTP/2: " + e.getCause(), e.getCause());
            }
            HttpResponse<byte[]> h1Answer = h1.send(requests.get(i).apply(base()), HttpResponse.BodyHandlers.ofByteArray());
            checks.add(() -> {
                assertEquals(HttpClient.Version.HTTP_2, h2Answer.version(), what);
                assertEquals(h1Answer.statusCode(), h2Answer.statusCode(), what + ": HTTP/2 answers as HTTP/1.1 does");
                for (String name : h2Answer.headers().map().keySet()) {
                    assertFalse(CONNECTION_SPECIFIC.contains(name.toLowerCase(Locale.ROOT)),
                            what + " carries the connection-specific header " + name);
                }
                if (what.startsWith("GET /static/") && h2Answer.statusCode() == 200) {
                    // Pages may differ (a nonce, the request's own URL); a static file must arrive whole.
                    assertEquals(h1Answer.body().length, h2Answer.body().length, what + ": the whole body arrived");
                }
                h2Answer.headers().firstValueAsLong("Content-Length").ifPresent(length -> {
                    if (!"HEAD".equals(asked.method()) && h2Answer.statusCode() != 304) {
                        assertEquals(length, h2Answer.body().length, what + ": Content-Length is the body's length");
                    }
                });
            });
        }
        assertAll(checks);
        HttpResponse<byte[]> large = h2.send(get(h2Base, LARGE_STATIC, signedIn).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, large.statusCode());
        assertTrue(large.body().length >= LARGE_STATIC_BYTES, "the large resource arrived whole: " + large.body().length);
    }

    @Test
    default void reportingOverHttpsUsesReportToAndAnnouncesItsEndpoint() throws Exception {
        // The HTTPS side of CspTests#reportingOverPlainHttpUsesReportUriOnlySoChromiumSendsReports.
        HttpClient h1 = client(HttpClient.Version.HTTP_1_1);
        String collector = base().getPath() + "csp-report";
        for (String path : List.of("auth/sign-in", "no-such-page")) {
            HttpResponse<String> page = h1.send(get(httpsBase(), path, null).build(), HttpResponse.BodyHandlers.ofString());
            List<String> policies = page.headers().allValues("Content-Security-Policy");
            assertEquals(1, policies.size(), path + ": " + policies);
            assertTrue(policies.get(0).endsWith("; report-uri " + collector + "; report-to ssrguard-csp"),
                    path + ": " + policies.get(0));
            assertEquals(List.of("ssrguard-csp=\"" + collector + "\""), page.headers().allValues("Reporting-Endpoints"),
                    path);
        }
    }

    private URI httpsBase() {
        String port = System.getProperty("it.httpsPort");
        if (port == null) {
            throw new IllegalStateException("the container module must name its TLS port in it.httpsPort");
        }
        URI http = base();
        return URI.create("https://" + http.getHost() + ":" + port + http.getPath());
    }

    private static HttpRequest.Builder get(URI base, String path, String cookies) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        if (cookies != null) {
            b.header("Cookie", cookies);
        }
        return b;
    }

    /** The cookies a response sets, as one {@code Cookie} header. */
    private static String cookies(HttpResponse<?> response) {
        List<String> pairs = new ArrayList<>();
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            SetCookie c = SetCookie.parse(setCookie);
            if (!c.deletes()) {
                pairs.add(c.name() + "=" + c.value());
            }
        }
        return String.join("; ", pairs);
    }

    private static HttpClient client(HttpClient.Version version) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new TrustingTestCertificates()}, new SecureRandom());
        return HttpClient.newBuilder().version(version).sslContext(tls)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The containers' TLS certificates are self-signed test certificates made at build time. */
    final class TrustingTestCertificates implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
