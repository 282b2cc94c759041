package io.ssrguard.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SsrGuardProperties;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);

    /** Bytes that arrive in chunks when the test says so, as a container's non-blocking stream delivers them. */
    static final class ScriptedInput extends ServletInputStream {
        final Deque<byte[]> arrived = new ArrayDeque<>();
        ReadListener listener;
        boolean finished;
        IOException failure;

        @Override
        public boolean isFinished() {
            return finished && arrived.isEmpty();
        }

        @Override
        public boolean isReady() {
            return !arrived.isEmpty() || finished;
        }

        @Override
        public void setReadListener(ReadListener readListener) {
            listener = readListener;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (failure != null) {
                throw failure;
            }
            if (arrived.isEmpty()) {
                return -1;
            }
            byte[] chunk = arrived.poll();
            System.arraycopy(chunk, 0, b, off, chunk.length);
            return chunk.length;
        }

        void arrive(String text) throws IOException {
            arrived.add(text.getBytes(StandardCharsets.UTF_8));
            listener.onDataAvailable();
        }
    }

    private final FakeHttp.Response response = new FakeHttp.Response();
    private final AtomicReference<byte[]> handled = new AtomicReference<>();

    private FakeHttp.Request post(long contentLength, ServletInputStream input, boolean async) {
        FakeHttp.Request request = new FakeHttp.Request().method("POST").path("/auth/login");
        request.contentLength = contentLength;
        request.input = input;
        request.asyncSupported = async;
        return request;
    }

    private void read(FakeHttp.Request request, int maxBytes) throws IOException {
        RequestBodies.read(request.build(), response.build(), maxBytes, DEADLINE, handled::set);
    }

    @Test
    void bodyThatNeverArrivesGets408AtTheDeadlineWithoutHoldingTheThread() throws IOException {
        ScriptedInput input = new ScriptedInput();
        FakeHttp.Request request = post(100, input, true);
        read(request, 1024);

        // read returned at once: the request is async, nothing was refused or handled yet.
        assertEquals(2000, request.async.timeout);
        assertEquals(0, request.async.completions);
        input.arrive("{\"user");
        assertNull(handled.get());

        request.async.listeners.get(0).onTimeout(null);
        assertEquals(408, response.status);
        assertEquals("{\"error\":\"body_timeout\"}", response.bodyText());
        assertEquals("close", response.header("Connection"));
        assertEquals(1, request.async.completions);
        assertNull(handled.get(), "a cut-off body is never handled");

        input.finished = true;
        input.listener.onAllDataRead();
        assertNull(handled.get(), "a late end after the refusal changes nothing");
        assertEquals(1, request.async.completions);
    }

    @Test
    void bodyArrivingInPiecesIsHandledWhole() throws IOException {
        ScriptedInput input = new ScriptedInput();
        FakeHttp.Request request = post(12, input, true);
        read(request, 1024);
        input.arrive("{\"user\"");
        input.arrive(":\"a\"}");
        input.finished = true;
        input.listener.onAllDataRead();

        assertArrayEquals("{\"user\":\"a\"}".getBytes(StandardCharsets.UTF_8), handled.get());
        assertEquals(1, request.async.completions);
    }

    @Test
    void brokenBodyGets400() throws IOException {
        ScriptedInput input = new ScriptedInput();
        FakeHttp.Request request = post(100, input, true);
        read(request, 1024);
        input.listener.onError(new IOException("connection reset"));

        assertEquals(400, response.status);
        assertEquals("{\"error\":\"malformed_body\"}", response.bodyText());
        assertEquals(1, request.async.completions);
        assertNull(handled.get());
    }

    @Test
    void bodyOverTheLimitWhileArrivingGets413() throws IOException {
        ScriptedInput input = new ScriptedInput();
        FakeHttp.Request request = post(-1, input, true);
        read(request, 8);
        input.arrive("0123456789");

        assertEquals(413, response.status);
        assertEquals("{\"error\":\"body_too_large\"}", response.bodyText());
        assertNull(handled.get());
    }

    @Test
    void announcedOversizeGets413WithoutReading() throws IOException {
        read(post(9, null, true), 8);
        assertEquals(413, response.status);
    }

    @Test
    void blockingReadEndedByTheContainersTimeoutGets408NotAnException() throws IOException {
        ScriptedInput input = new ScriptedInput();
        input.failure = new IOException(new SocketTimeoutException("container read timeout"));
        input.arrived.add(new byte[1]);
        read(post(100, input, false), 1024);

        assertEquals(408, response.status);
        assertEquals("{\"error\":\"body_timeout\"}", response.bodyText());
        assertNull(handled.get());
    }

    @Test
    void blockingReadHandsTheBodyOver() throws IOException {
        ScriptedInput input = new ScriptedInput();
        input.arrived.add("abc".getBytes(StandardCharsets.UTF_8));
        read(post(3, input, false), 1024);
        assertArrayEquals("abc".getBytes(StandardCharsets.UTF_8), handled.get());
    }

    @Test
    void deadlineIsConfigurableWithinBounds() {
        assertEquals(Duration.ofSeconds(10), RequestBodies.timeout(MapSettings.profile("prod").reader()));
        assertEquals(Duration.ofSeconds(3), RequestBodies.timeout(MapSettings.profile("prod")
                .with(SsrGuardProperties.HTTP_BODY_TIMEOUT, "3").reader()));
        SettingsException e = assertThrows(SettingsException.class, () -> RequestBodies.timeout(
                MapSettings.profile("prod").with(SsrGuardProperties.HTTP_BODY_TIMEOUT, "0").reader()));
        assertEquals(true, e.getMessage().contains(SsrGuardProperties.HTTP_BODY_TIMEOUT), e.getMessage());
    }
}
