package io.ssrguard.csp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePolicySourceTest {

    @TempDir
    Path dir;

    @Test
    void fileIsReadThenReportedUnchangedUntilItChanges() throws Exception {
        Path file = dir.resolve("csp.txt");
        Files.writeString(file, "default-src 'self'\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        FilePolicySource source = new FilePolicySource(file, 1024);

        PolicyFetch.Loaded first = assertInstanceOf(PolicyFetch.Loaded.class, source.fetch(null));
        assertEquals("default-src 'self'\n", first.policy());
        assertInstanceOf(PolicyFetch.NotModified.class, source.fetch(first.version()));

        Files.writeString(file, "default-src 'self'; img-src *\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:05:00Z")));
        PolicyFetch.Loaded second = assertInstanceOf(PolicyFetch.Loaded.class, source.fetch(first.version()));
        assertEquals("default-src 'self'; img-src *\n", second.policy());
        assertNotEquals(first.version(), second.version());
    }

    @Test
    void missingFileIsAFailure() {
        PolicySourceException e = assertThrows(PolicySourceException.class,
                () -> new FilePolicySource(dir.resolve("nope.txt"), 1024).fetch(null));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void fileLargerThanTheCapIsNotRead() throws Exception {
        Path file = dir.resolve("big.txt");
        Files.writeString(file, "img-src " + "a".repeat(2000));
        PolicySourceException e = assertThrows(PolicySourceException.class, () -> new FilePolicySource(file, 1024).fetch(null));
        assertTrue(e.getMessage().contains("larger than 1024"), e.getMessage());
    }
}
