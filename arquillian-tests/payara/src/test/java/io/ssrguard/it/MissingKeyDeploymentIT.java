package io.ssrguard.it;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import org.junit.jupiter.api.Test;

/**
 * Fail fast: the unmodified sample WAR, started by a real Payara Micro in the
 * {@code test} profile with no key configured, must not deploy, and the log
 * must say which setting to fix. A plain process rather than Arquillian,
 * because the point is a deployment that fails.
 */
class MissingKeyDeploymentIT {

    @Test
    void deploymentWithoutKeyOutsideDevFailsNamingTheSetting() throws Exception {
        try (PayaraMicroProcess payara = PayaraMicroProcess.start(Path.of(System.getProperty("it.sampleWar")))) {
            String output = payara.awaitStartup();
            assertTrue(output.contains("SSR Guard cannot start, deployment stopped"), "our message is logged");
            assertTrue(output.contains("ssrguard.keys.jwks"), "it names the property");
            assertTrue(output.contains("profile test"), "it names the profile");

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(payara.base().resolve("ssrguard-sample/health"))
                            .timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertNotEquals(200, health.statusCode(), "the application must not be serving");
        }
    }
}
