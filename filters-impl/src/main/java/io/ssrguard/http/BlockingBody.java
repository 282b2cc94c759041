package io.ssrguard.http;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * A body read with blocking reads, where the Servlet API allows nothing else: a filter that must hand
 * the request on down the chain (the CSRF form field), or a request without async support. At most
 * {@code maxBytes} are read, and the body is refused once the deadline has passed between two reads,
 * so a client that trickles its body holds the thread no longer than the deadline and one read.
 *
 * <p>A read that is waiting cannot be cut short portably: a client that stops sending altogether is
 * ended by the container's own read timeout (docs/operations.md gives each container's setting), and
 * is then answered like a late body, never with the container's exception.
 */
public final class BlockingBody {

    private static final int CHUNK = 8192;

    private BlockingBody() {
    }

    /**
     * Reads the stream to its end.
     *
     * @throws BadRequestException 413 {@code body_too_large} over {@code maxBytes}; 408 {@code body_timeout} when the
     *                             deadline passed or the container's read timeout ended the read; 400
     *                             {@code malformed_body} when the read failed otherwise (the client went away)
     */
    public static byte[] read(InputStream in, int maxBytes, Duration deadline, Clock clock) throws BadRequestException {
        Instant end = clock.instant().plus(deadline);
        byte[] body = new byte[Math.min(maxBytes + 1, CHUNK)];
        int length = 0;
        try {
            while (true) {
                if (length == body.length) {
                    if (length > maxBytes) {
                        throw new BadRequestException(413, "body_too_large", "body over " + maxBytes + " bytes");
                    }
                    body = Arrays.copyOf(body, (int) Math.min((long) maxBytes + 1, 2L * length));
                }
                int n = in.read(body, length, body.length - length);
                if (n < 0) {
                    return Arrays.copyOf(body, length);
                }
                length += n;
                if (clock.instant().isAfter(end)) {
                    throw new BadRequestException(408, "body_timeout", "body not complete within " + deadline.toMillis()
                            + " ms (" + length + " bytes arrived)");
                }
            }
        } catch (IOException e) {
            throw unreadable(e);
        } catch (RuntimeException e) {
            // WildFly 35's stream fails with a NullPointerException when the listener's read timeout ends a read:
            // the container's fault, but still a body that could not be read, not a 500.
            throw new BadRequestException(400, "malformed_body", "body read failed in the container ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * The refusal for a read the container failed: its read timeout (which reaches us as an
     * {@code IOException} wrapping a container-specific timeout exception) is a late body.
     */
    private static BadRequestException unreadable(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().contains("Timeout")) {
                return new BadRequestException(408, "body_timeout", "body not complete before the container's read timeout");
            }
        }
        return new BadRequestException(400, "malformed_body", "body could not be read (" + e.getClass().getSimpleName() + ")");
    }
}
