package io.ssrguard.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** WildFly's server.log from the moment a test marked, so that it reads what its own deployment logged. */
final class ServerLog {

    private final Path file;
    private final long start;

    private ServerLog(Path file, long start) {
        this.file = file;
        this.start = start;
    }

    /** Marks the log's current end. */
    static ServerLog fromNow() throws IOException {
        Path file = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
        return new ServerLog(file, Files.size(file));
    }

    /** What the server logged since the mark. */
    String sinceMark() throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(start);
            byte[] tail = new byte[(int) (in.length() - start)];
            in.readFully(tail);
            return new String(tail, StandardCharsets.UTF_8);
        }
    }
}
