package io.ssrguard.csp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ssrguard.csp.CachingPolicy.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The http source against a real JDK HTTP server on a random loopback port, standing in for the CMS. */
class HttpPolicySourceTest {

    /** For a CMS that hangs: short, so the test is quick. */
    static final Duration TIMEOUT = Duration.ofMillis(300);
    /** For a CMS that answers: generous, because the first exchange in a cold JVM on a busy CI machine is slow. */
    static final Duration PATIENT = Duration.ofSeconds(10);

    /** What the fake CMS answers; a test replaces it. */
    interface Cms {
        void handle(HttpExchange exchange) throws IOException;
    }

    HttpServer server;
    volatile Cms cms;
    final AtomicReference<HttpExchange> lastRequest = new AtomicReference<>();
    final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void startCms() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/csp", exchange -> {
            lastRequest.set(exchange);
            try {
                cms.handle(exchange);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    @AfterEach
    void stopCms() {
        release.countDown();
        server.stop(0);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/csp?token=secret-in-query");
    }

    HttpPolicySource source(Optional<String> jsonField, Map<String, String> headers) {
        return new HttpPolicySource(url(), PATIENT, PATIENT, jsonField, headers, 1024);
    }

    HttpPolicySource impatientSource() {
        return new HttpPolicySource(url(), TIMEOUT, TIMEOUT, Optional.empty(), Map.of(), 1024);
    }

    static void respond(HttpExchange exchange, int status, String contentType, String body, String etag) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (etag != null) {
            exchange.getResponseHeaders().set("ETag", etag);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void plainTextBodyIsThePolicy() throws Exception {
        cms = ex -> respond(ex, 200, "text/plain", "default-src 'self'\n", null);
        PolicyFetch.Loaded loaded = assertInstanceOf(PolicyFetch.Loaded.class, source(Optional.empty(), Map.of()).fetch(null));
        assertEquals("default-src 'self'\n", loaded.policy());
        assertNull(loaded.version());
        assertEquals("GET", lastRequest.get().getRequestMethod());
        assertNull(lastRequest.get().getRequestHeaders().getFirst("If-None-Match"));
    }

    @Test
    void jsonFieldIsReadFromANestedObject() throws Exception {
        cms = ex -> respond(ex, 200, "application/json",
                "{\"data\":{\"id\":1,\"attributes\":{\"csp\":\"script-src 'self' https://analytics.example\"}}}", null);
        PolicyFetch fetched = source(Optional.of("data.attributes.csp"), Map.of()).fetch(null);
        assertEquals("script-src 'self' https://analytics.example", ((PolicyFetch.Loaded) fetched).policy());
        assertEquals("application/json", lastRequest.get().getRequestHeaders().getFirst("Accept"));

        PolicySourceException missing = assertThrows(PolicySourceException.class,
                () -> source(Optional.of("data.attributes.policy"), Map.of()).fetch(null));
        assertTrue(missing.getMessage().contains("no field 'data.attributes.policy'"), missing.getMessage());
        PolicySourceException notString = assertThrows(PolicySourceException.class,
                () -> source(Optional.of("data.id"), Map.of()).fetch(null));
        assertTrue(notString.getMessage().contains("not a string"), notString.getMessage());
    }

    @Test
    void etagMakesTheNextFetchConditionalAnd304MeansNotModified() throws Exception {
        cms = ex -> {
            if ("\"v7\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                respond(ex, 304, "text/plain", "", "\"v7\"");
            } else {
                respond(ex, 200, "text/plain", "img-src *", "\"v7\"");
            }
        };
        HttpPolicySource source = source(Optional.empty(), Map.of("Authorization", "Bearer cms-token"));
        PolicyFetch.Loaded first = assertInstanceOf(PolicyFetch.Loaded.class, source.fetch(null));
        assertEquals("\"v7\"", first.version());
        assertEquals("Bearer cms-token", lastRequest.get().getRequestHeaders().getFirst("Authorization"));

        assertInstanceOf(PolicyFetch.NotModified.class, source.fetch(first.version()));
        assertEquals("\"v7\"", lastRequest.get().getRequestHeaders().getFirst("If-None-Match"));
        assertInstanceOf(PolicyFetch.Loaded.class, source.fetch("\"v6\""));
    }

    @Test
    void serverErrorIsAFailureThatNamesTheStatusButNotTheQuery() {
        cms = ex -> respond(ex, 500, "text/plain", "boom", null);
        PolicySourceException e = assertThrows(PolicySourceException.class, () -> source(Optional.empty(), Map.of()).fetch(null));
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        assertTrue(!e.getMessage().contains("secret-in-query"), e.getMessage());
    }

    @Test
    void redirectIsNotFollowedSoTheTokenStaysWithTheConfiguredHost() {
        cms = ex -> {
            ex.getResponseHeaders().set("Location", "http://127.0.0.2:1/steal");
            respond(ex, 302, "text/plain", "", null);
        };
        PolicySourceException e = assertThrows(PolicySourceException.class,
                () -> source(Optional.empty(), Map.of("Authorization", "Bearer t")).fetch(null));
        assertTrue(e.getMessage().contains("HTTP 302"), e.getMessage());
    }

    @Test
    void bodyLargerThanTheCapIsRefused() {
        cms = ex -> respond(ex, 200, "text/plain", "img-src " + "a".repeat(2000), null);
        PolicySourceException e = assertThrows(PolicySourceException.class, () -> source(Optional.empty(), Map.of()).fetch(null));
        assertTrue(e.getMessage().contains("larger than 1024"), e.getMessage());
    }

    @Test
    void hangingCmsTimesOutWithinTheBound() throws Exception {
        cms = ex -> awaitRelease();
        long start = System.nanoTime();
        PolicySourceException e = assertThrows(PolicySourceException.class, () -> impatientSource().fetch(null));
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsedMs < 2 * TIMEOUT.toMillis() + 1500, "took " + elapsedMs + " ms");
        assertTrue(e.getMessage().contains("timed out") || e.getMessage().contains("did not answer"), e.getMessage());
    }

    @Test
    void cmsThatStallsInTheMiddleOfTheBodyIsCutOffByTheHardDeadline() {
        cms = ex -> {
            ex.sendResponseHeaders(200, 100);
            ex.getResponseBody().write("img-src ".getBytes(StandardCharsets.UTF_8));
            ex.getResponseBody().flush();
            awaitRelease();
        };
        PolicySourceException e = assertThrows(PolicySourceException.class, () -> impatientSource().fetch(null));
        assertTrue(e.getMessage().contains("did not answer within 600 ms"), e.getMessage());
    }

    @Test
    void whileTheCmsHangsRequestsKeepTheLastGoodPolicyWithoutWaiting() throws Exception {
        cms = ex -> respond(ex, 200, "text/plain", "default-src 'self'; img-src https://cdn.example", null);
        CspHeaderCompiler compiler = new CspHeaderCompiler(new CspPolicyParser(4096, "{nonce}"), List.of("script-src"),
                "{nonce}", Optional.empty(), Optional.empty());
        source(Optional.empty(), Map.of()).fetch(null); // warm the JVM's HTTP stack so that 300 ms suffice below
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            CachingPolicy policy = new CachingPolicy(impatientSource(), compiler,
                    compiler.compile("default-src 'none'"), Duration.ofMillis(50), Duration.ofMinutes(5),
                    Clock.systemUTC(), scheduler);
            policy.start();
            String good = policy.current().render("n");
            assertTrue(good.startsWith("default-src 'self'; img-src https://cdn.example"), good);

            CountDownLatch hanging = new CountDownLatch(1);
            cms = ex -> {
                hanging.countDown();
                awaitRelease();
            };
            assertTrue(hanging.await(5, TimeUnit.SECONDS), "background refresh reached the hanging CMS");
            long worstNanos = 0;
            for (int i = 0; i < 10_000; i++) {
                long t0 = System.nanoTime();
                String header = policy.current().render("n");
                worstNanos = Math.max(worstNanos, System.nanoTime() - t0);
                assertEquals(good, header);
            }
            assertTrue(worstNanos < TimeUnit.MILLISECONDS.toNanos(50), "a request waited " + worstNanos + " ns");

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (policy.status() != Status.STALE && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(Status.STALE, policy.status(), "the timed-out refresh counts as a failure");
            assertEquals(good, policy.current().render("n"));
            policy.stop();
        } finally {
            scheduler.shutdownNow();
        }
    }

    private void awaitRelease() {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void jsonObjectAtTheFieldGivesPolicyByPathAndPlainTextADocument() throws Exception {
        cms = ex -> respond(ex, 200, "application/json", "{\"data\":{\"csp\":{\"default\":\"default-src 'self'\","
                + "\"/embed/*\":\"frame-ancestors 'self'\"}}}", "\"v2\"");
        PolicyFetch.Loaded json = (PolicyFetch.Loaded) source(Optional.of("data.csp"), Map.of()).fetch(null);
        assertEquals("default-src 'self'", json.policy());
        assertEquals(Map.of("/embed/*", "frame-ancestors 'self'"), json.paths());
        assertEquals("\"v2\"", json.version());

        cms = ex -> respond(ex, 200, "application/json", "{\"data\":{\"csp\":{\"/embed/*\":\"frame-ancestors 'self'\"}}}", null);
        assertTrue(assertThrows(PolicySourceException.class, () -> source(Optional.of("data.csp"), Map.of()).fetch(null))
                .getMessage().contains("no \"default\" policy"));
        cms = ex -> respond(ex, 200, "application/json", "{\"csp\":{\"default\":\"img-src *\",\"/embed/*\":7}}", null);
        assertTrue(assertThrows(PolicySourceException.class, () -> source(Optional.of("csp"), Map.of()).fetch(null))
                .getMessage().contains("not a string"));

        cms = ex -> respond(ex, 200, "text/plain", "img-src *\n/embed/* frame-ancestors 'self'\n", null);
        PolicyFetch.Loaded text = (PolicyFetch.Loaded) source(Optional.empty(), Map.of()).fetch(null);
        assertEquals("img-src *", text.policy());
        assertEquals(Map.of("/embed/*", "frame-ancestors 'self'"), text.paths());
    }
}
