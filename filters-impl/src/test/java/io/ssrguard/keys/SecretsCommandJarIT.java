package io.ssrguard.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar filters-impl-<version>.jar secrets} on the jar Maven just packaged, in a new
 * JVM with nothing but that jar: what a user with only the published jar and a JDK runs.
 */
class SecretsCommandJarIT {

    @Test
    void theJarAloneRunsTheCommand() throws Exception {
        File jar = new File(System.getProperty("ssrguard.implJar", "target/filters-impl.jar"));
        assertTrue(jar.isFile(), "package filters-impl first: " + jar);
        try (JarFile file = new JarFile(jar)) {
            assertTrue(file.stream().noneMatch(e -> e.getName().startsWith("com/nimbusds/")),
                    "no dependency inside the jar: the command must need only the JDK");
        }
        Path empty = Files.createTempDirectory("ssrguard-secrets");
        Path err = empty.resolve("stderr");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.getAbsolutePath(), "secrets", "--profile", "prod")
                .directory(empty.toFile())
                .redirectError(err.toFile())
                .start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the command ends");
        assertEquals(0, process.exitValue(), Files.readString(err));
        assertEquals("", Files.readString(err), "nothing on stderr");
        SecretsCommandTest.assertLoadsAsADeploymentWould(new String(out, StandardCharsets.US_ASCII)
                .replace(System.lineSeparator(), "\n"), "prod");
    }
}
