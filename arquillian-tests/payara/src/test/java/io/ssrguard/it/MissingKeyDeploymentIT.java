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
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("payara-missing-key", ".log");
        Process payara = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dmp.config.profile=test",
                "-jar", new File(System.getProperty("payara.microJar")).getAbsolutePath(),
                "--nocluster", "--port", String.valueOf(port),
                "--deploy", new File(System.getProperty("it.sampleWar")).getAbsolutePath()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            String output = awaitStartup(payara, log);
            assertTrue(output.contains("SSR Guard cannot start, deployment stopped"), "our message is logged");
            assertTrue(output.contains("ssrguard.keys.jwks"), "it names the property");
            assertTrue(output.contains("profile test"), "it names the profile");

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/ssrguard-sample/health"))
                            .timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertNotEquals(200, health.statusCode(), "the application must not be serving");
        } finally {
            payara.destroyForcibly().waitFor();
            Files.deleteIfExists(log);
        }
    }

    private static String awaitStartup(Process payara, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(deadline)) {
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (output.contains(" ready in ") || !payara.isAlive()) {
                return output;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Payara Micro neither started nor stopped within 4 minutes");
    }
}
