package io.ssrguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.Test;

/**
 * Fail closed when the pack's initializer does not run: the sample, validly
 * configured, but with {@code <absolute-ordering/>} in its {@code web.xml}, which
 * leaves every jar's {@code ServletContainerInitializer} out. Payara logs the
 * filters' refusal to start and still deploys, leaving those filters out of the
 * chain; the pack's authentication mechanism, which runs before every request,
 * must then refuse every request with 503 and say why once, never serve a
 * protected, guarded or CSRF-checked path. A plain process rather than
 * Arquillian, so that the test can read the server's log.
 */
class AbsoluteOrderingDeploymentIT {

    @Test
    void withoutThePacksInitializerEveryRequestIsRefusedWith503() throws Exception {
        Path war = Files.createTempFile("absolute-ordering", ".war");
        SampleDeployment.withAbsoluteOrdering(SampleDeployment.testDeployment("absolute-ordering.war", Map.of()))
                .as(ZipExporter.class).exportTo(war.toFile(), true);
        try (PayaraMicroProcess payara = PayaraMicroProcess.start(war, "--nohazelcast", "--contextroot", "/")) {
            String output = payara.awaitStartup();
            assertTrue(output.contains("SSR Guard did not start in this application"), "the filters say why");

            HttpClient client = HttpClient.newHttpClient();
            URI base = payara.base();
            for (HttpRequest request : List.of(
                    get(base.resolve("health")),
                    get(base.resolve("api/profile")),
                    HttpRequest.newBuilder(base.resolve("internal/diagnostics"))
                            .header("X-Internal-Secret", SampleDeployment.GUARD_SECRET).timeout(Duration.ofSeconds(10)).build(),
                    HttpRequest.newBuilder(base.resolve("api/notes")).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"x\"}")).timeout(Duration.ofSeconds(10)).build())) {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                assertEquals(503, response.statusCode(), request.method() + " " + request.uri() + ": " + response.body());
                assertEquals("{\"error\":\"unavailable\"}", response.body(), request.uri().toString());
            }
            String after = payara.log();
            int at = after.indexOf("io.ssrguard.auth.CookieAuthenticationMechanism refuses to run");
            assertTrue(at >= 0, "the mechanism logs why it refuses");
            assertEquals(-1, after.indexOf("io.ssrguard.auth.CookieAuthenticationMechanism refuses to run", at + 1),
                    "once, not per request");
        } finally {
            Files.deleteIfExists(war);
        }
    }

    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();
    }
}
