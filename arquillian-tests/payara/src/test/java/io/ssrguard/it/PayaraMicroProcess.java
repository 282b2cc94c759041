package io.ssrguard.it;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A Payara Micro started as a plain process on a free port, with its output in a
 * log file the test reads: for tests whose point is what the server logs, or a
 * deployment that fails, which Arquillian cannot show.
 */
public final class PayaraMicroProcess implements AutoCloseable {

    private final int port;
    private final Path log;
    private final Process process;

    private PayaraMicroProcess(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts Payara Micro in the {@code test} profile deploying {@code war}, with further Payara Micro options. */
    public static PayaraMicroProcess start(Path war, String... options) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("payara-micro", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dmp.config.profile=test",
                "-jar", new File(System.getProperty("payara.microJar")).getAbsolutePath(),
                "--nocluster", "--port", String.valueOf(port),
                "--deploy", war.toAbsolutePath().toString()));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new PayaraMicroProcess(port, log, process);
    }

    /** The log once the server is ready or has stopped, within four minutes. */
    public String awaitStartup() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(deadline)) {
            String output = log();
            if (output.contains(" ready in ") || !process.isAlive()) {
                return output;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Payara Micro neither started nor stopped within 4 minutes");
    }

    public String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    public URI base() {
        return URI.create("http://localhost:" + port + "/");
    }

    @Override
    public void close() throws Exception {
        process.destroyForcibly().waitFor();
        Files.deleteIfExists(log);
    }
}
