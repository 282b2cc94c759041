package io.ssrguard.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ssrguard.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BlockingBodyTest {

    private final MutableClock clock = new MutableClock();

    /** A client that sends one byte per read, each after {@code gap} (moved on the test clock, not slept). */
    private InputStream trickle(byte[] body, Duration gap) {
        return new InputStream() {
            private int next;

            @Override
            public int read() {
                throw new UnsupportedOperationException("read in chunks");
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (next == body.length) {
                    return -1;
                }
                clock.advance(gap);
                b[off] = body[next++];
                return 1;
            }
        };
    }

    @Test
    void readsAWholeBodyAcrossChunksAndGrowsOnlyToTheLimit() throws Exception {
        byte[] body = new byte[20_000];
        Arrays.fill(body, (byte) 'a');
        assertArrayEquals(body, BlockingBody.read(new ByteArrayInputStream(body), 20_000, Duration.ofSeconds(10), clock));
        assertArrayEquals(new byte[0], BlockingBody.read(new ByteArrayInputStream(new byte[0]), 10, Duration.ofSeconds(1), clock));
    }

    @Test
    void oneByteOverTheLimitIs413() {
        BadRequestException e = assertThrows(BadRequestException.class,
                () -> BlockingBody.read(new ByteArrayInputStream(new byte[20_001]), 20_000, Duration.ofSeconds(10), clock));
        assertEquals(413, e.status());
        assertEquals("body_too_large", e.code());
    }

    @Test
    void aTrickledBodyIsRefusedOnceTheDeadlinePassesNotWhenItEnds() {
        byte[] body = "text=hello&_csrf=abc".getBytes(StandardCharsets.US_ASCII);
        BadRequestException e = assertThrows(BadRequestException.class,
                () -> BlockingBody.read(trickle(body, Duration.ofSeconds(1)), 1024, Duration.ofSeconds(5), clock));
        assertEquals(408, e.status());
        assertEquals("body_timeout", e.code());
        // Refused at the first read after the deadline: six bytes arrived, the rest was never waited for.
        assertEquals(true, e.getMessage().contains("(6 bytes arrived)"), e.getMessage());
    }

    @Test
    void aBodyInTimeIsHandedOverWhateverItsPace() throws Exception {
        byte[] body = "text=hi".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(body, BlockingBody.read(trickle(body, Duration.ofMillis(500)), 1024, Duration.ofSeconds(5), clock));
    }

    @Test
    void theContainersReadTimeoutIs408AndAnyOtherFailure400WithoutTheExceptionInTheCode() {
        for (IOException failure : new IOException[] {
                new IOException(new SocketTimeoutException("read timed out")),
                new IOException(new java.util.concurrent.TimeoutException()),
                new EOFException("connection reset")}) {
            InputStream failing = new InputStream() {
                @Override
                public int read() throws IOException {
                    throw failure;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    throw failure;
                }
            };
            BadRequestException e = assertThrows(BadRequestException.class,
                    () -> BlockingBody.read(failing, 1024, Duration.ofSeconds(10), clock));
            boolean timeout = failure.getCause() != null;
            assertEquals(timeout ? 408 : 400, e.status(), failure.toString());
            assertEquals(timeout ? "body_timeout" : "malformed_body", e.code());
        }
    }

    @Test
    void aContainerStreamThatFailsUncheckedIs400NotA500() {
        InputStream broken = new InputStream() {
            @Override
            public int read() {
                throw new NullPointerException("pooled is null");
            }

            @Override
            public int read(byte[] b, int off, int len) {
                throw new NullPointerException("pooled is null");
            }
        };
        BadRequestException e = assertThrows(BadRequestException.class,
                () -> BlockingBody.read(broken, 1024, Duration.ofSeconds(10), clock));
        assertEquals(400, e.status());
        assertEquals("malformed_body", e.code());
    }
}
