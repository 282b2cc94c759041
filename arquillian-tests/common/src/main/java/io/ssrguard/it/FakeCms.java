package io.ssrguard.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A headless CMS in the test JVM that serves the Content-Security-Policy as
 * plain text at {@code /csp}, with an {@code ETag}, and that tests can break
 * on purpose: answer 500, hang, or hand out an injected policy. It listens on
 * 127.0.0.1 on a free port; the containers run on the same machine.
 */
final class FakeCms implements AutoCloseable {

    /** What the CMS does with the next requests. */
    enum Mode {
        /** 200 with the current policy (304 when the client already has it). */
        SERVE,
        /** 500. */
        ERROR,
        /** Accepts the request and never answers (until the mode changes or {@link #HANG_LIMIT}). */
        HANG,
        /** 200 with a policy that must never reach a header: CR/LF header injection, or an unknown directive. */
        INJECT
    }

    /** How long a hanging answer holds on at most. */
    static final Duration HANG_LIMIT = Duration.ofSeconds(30);
    static final String CR_LF_INJECTION = "default-src 'self'\r\nSet-Cookie: pwned=1";
    static final String UNKNOWN_DIRECTIVE = "default-src 'self'; exfiltrate-to https://evil.example";

    private final HttpServer server;
    private final ExecutorService threads;
    private volatile String policy;
    private volatile Mode mode = Mode.SERVE;
    private volatile CountDownLatch hung = new CountDownLatch(1);
    private final AtomicInteger failedAnswers = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicReference<Instant> firstFailure = new AtomicReference<>();

    private FakeCms(String policy) throws IOException {
        this.policy = policy;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        // One thread per request: a hanging answer must not hold up the next one.
        threads = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "fake-cms");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/csp", this::answer);
        server.start();
    }

    static FakeCms start(String initialPolicy) {
        try {
            return new FakeCms(initialPolicy);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake CMS", e);
        }
    }

    /** Where the pack is told to fetch the policy. */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/csp");
    }

    /** Serves this policy from now on. */
    void serve(String newPolicy) {
        policy = newPolicy;
        switchTo(Mode.SERVE);
    }

    /** Fails in this way from now on. */
    void fail(Mode failure) {
        switchTo(failure);
    }

    /** Answers in a failure mode since the last mode switch. */
    int failedAnswers() {
        return failedAnswers.get();
    }

    /** When the first request in the current failure mode arrived, or {@code null}. */
    Instant firstFailure() {
        return firstFailure.get();
    }

    /** Requests since start. */
    int requests() {
        return requests.get();
    }

    private synchronized void switchTo(Mode next) {
        failedAnswers.set(0);
        firstFailure.set(null);
        mode = next;
        CountDownLatch release = hung;
        hung = new CountDownLatch(1);
        release.countDown();
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try {
            Mode now = mode;
            if (now != Mode.SERVE) {
                firstFailure.compareAndSet(null, Instant.now());
                failedAnswers.incrementAndGet();
            }
            switch (now) {
                case SERVE -> {
                    String current = policy;
                    String etag = "\"" + Integer.toHexString(current.hashCode()) + "\"";
                    exchange.getResponseHeaders().set("ETag", etag);
                    if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                        exchange.sendResponseHeaders(304, -1);
                    } else {
                        send(exchange, 200, current);
                    }
                }
                case ERROR -> send(exchange, 500, "internal error");
                case HANG -> {
                    try {
                        hung.await(HANG_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    send(exchange, 503, "too late");
                }
                case INJECT -> send(exchange, 200, failedAnswers.get() % 2 == 1 ? CR_LF_INJECTION : UNKNOWN_DIRECTIVE);
            }
        } catch (IOException e) {
            // The client gave up (a timed-out hang): nothing to answer.
        } finally {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain;charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        switchTo(Mode.ERROR);
        server.stop(0);
        threads.shutdownNow();
    }
}
