package io.ssrguard.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What every {@code @FuzzTest} of the pack shares: how raw fuzzer bytes become the strings a
 * parser sees, and the time bound each call must stay under.
 *
 * <p>Targets take the raw {@code byte[]} input (not typed parameters) so that the committed seed
 * files are plain text a reader can open: where a target needs several strings, they are the
 * input's lines, in the order the target names.
 */
public final class FuzzInput {

    /**
     * Longest a single parser call may take. Every parser bounds its input (a token length, a body
     * limit), so a call slower than this means super-linear work on hostile input (a backtracking
     * regex, a quadratic loop), not a slow machine: real calls take microseconds.
     */
    public static final Duration BOUND = Duration.ofMillis(200);

    private FuzzInput() {
    }

    /** The bytes as one char each, as a container hands header and cookie values to the application. */
    public static String latin1(byte[] data) {
        return new String(data, StandardCharsets.ISO_8859_1);
    }

    /** The first {@code n} lines of the input (the last one takes the rest, newlines included); missing lines are empty. */
    public static String[] lines(byte[] data, int n) {
        String[] parts = latin1(data).split("\n", n);
        String[] lines = new String[n];
        for (int i = 0; i < n; i++) {
            lines[i] = i < parts.length ? parts[i] : "";
        }
        return lines;
    }

    /** The bytes after the first line: a body after its content-type line. */
    public static byte[] afterFirstLine(byte[] data) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n') {
                return java.util.Arrays.copyOfRange(data, i + 1, data.length);
            }
        }
        return new byte[0];
    }

    /** Starts timing one call. */
    public static long start() {
        return System.nanoTime();
    }

    /** Fails when the call begun at {@code start} took longer than {@link #BOUND}. */
    public static void assertFast(long start, String what) {
        long elapsed = System.nanoTime() - start;
        assertTrue(elapsed < BOUND.toNanos(), () -> what + " took " + elapsed / 1_000_000 + " ms, over the "
                + BOUND.toMillis() + " ms bound");
    }
}
