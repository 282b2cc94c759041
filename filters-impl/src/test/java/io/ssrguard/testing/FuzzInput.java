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

    /** One parser call with its invariant checks; may throw what the target does not expect. */
    @FunctionalInterface
    public interface Call {
        void run() throws Exception;
    }

    /**
     * Runs a call and fails when it takes longer than {@link #BOUND}. A slow call is run a second
     * time and judged by that run: the first call to reach new code loads classes (and, when
     * fuzzing, has Jazzer instrument them) or meets a GC pause, which takes hundreds of
     * milliseconds once; super-linear work on the input is slow every time.
     */
    public static void bounded(String what, Call call) throws Exception {
        long first = timed(call);
        if (first < BOUND.toNanos()) {
            return;
        }
        long second = timed(call);
        assertTrue(second < BOUND.toNanos(), () -> what + " took " + first / 1_000_000 + " ms, then "
                + second / 1_000_000 + " ms again, over the " + BOUND.toMillis() + " ms bound");
    }

    private static long timed(Call call) throws Exception {
        long start = System.nanoTime();
        call.run();
        return System.nanoTime() - start;
    }
}
