package io.ssrguard.http;

import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.config.SsrGuardProperties;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads request bodies with a hard size limit (whether or not Content-Length is
 * honest) and a deadline, and refuses with the pack's JSON what cannot be read:
 * 413 {@code body_too_large}, 408 {@code body_timeout} for a body that does not
 * arrive in time (announced longer than sent, or trickled), 400
 * {@code malformed_body} for a broken one. Never an exception to the container.
 *
 * <p>The deadline needs the Servlet API's non-blocking input: a blocking read
 * waits as long as the container's own socket timeout (60 s on Payara and
 * Tomcat's embedded default) and holds a worker thread all along. So when the
 * request is async-supported (every filter in front of the pack's endpoints
 * declares {@code async-supported}) the body is read by a {@link ReadListener}
 * under an {@link AsyncContext} timeout, and no thread waits for a slow
 * client. Otherwise the body is read blocking ({@link BlockingBody}: the
 * deadline ends a trickle, the container's read timeout a body that stops),
 * and a one-time warning says which request lacked async support.
 */
public final class RequestBodies {

    private static final Logger LOG = Logger.getLogger(RequestBodies.class.getName());
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicBoolean WARNED_BLOCKING = new AtomicBoolean();

    /** What an endpoint does with a body read in full; it writes the response itself. */
    @FunctionalInterface
    public interface Handler {
        void accept(byte[] body) throws IOException;
    }

    private RequestBodies() {
    }

    /**
     * The body deadline ({@code ssrguard.http.body-timeout}, default 10 s, between 1 s and 5 min); throws
     * {@link SettingsException} naming the property when out of range.
     */
    public static Duration timeout(SettingsReader settings) {
        return settings.duration(SsrGuardProperties.HTTP_BODY_TIMEOUT, DEFAULT_TIMEOUT, Duration.ofSeconds(1),
                Duration.ofMinutes(5));
    }

    /**
     * Reads the whole body and hands it to {@code handler}, or answers the refusal. The handler may run
     * after this method returned, on a container thread; the response is completed after it.
     */
    public static void read(HttpServletRequest request, HttpServletResponse response, int maxBytes,
                            Duration timeout, Handler handler) throws IOException {
        long announced = request.getContentLengthLong();
        if (announced > maxBytes) {
            refuse(request, response, 413, "body_too_large", "body of " + announced + " bytes");
            return;
        }
        if (announced == 0) {
            handler.accept(new byte[0]);
        } else if (request.isAsyncSupported()) {
            // A new connection after every body read this way (HTTP/1.x): on Payara, the next request on the same
            // keep-alive connection after an asynchronous read was seen to wait 30 s without an answer (about one
            // container-test run in three: after sign-ins, passkey ceremonies; the cause inside Grizzly's
            // asynchronous input was not found). These endpoints are rare per client, so a new connection costs
            // little; the one rule for every endpoint that reads its body here.
            closeAfterAnswer(request, response);
            AsyncContext async = request.startAsync(request, response);
            async.setTimeout(timeout.toMillis());
            ServletInputStream in = request.getInputStream();
            BodyRead read = new BodyRead(request, response, async, in, maxBytes, handler);
            async.addListener(read);
            in.setReadListener(read);
            // Asking isReady() is what obliges a container to call onDataAvailable once bytes arrive
            // (Servlet 6.0, ServletInputStream#isReady); Grizzly (Payara) registers for the call
            // only then, so without it a body that arrives after the headers is never read.
            read.poll();
        } else {
            if (WARNED_BLOCKING.compareAndSet(false, true)) {
                LOG.warning(() -> "SSR Guard reads the body of " + request.getRequestURI() + " blocking, so a client "
                        + "that stops sending holds a thread until the container's own read timeout, not "
                        + SsrGuardProperties.HTTP_BODY_TIMEOUT + ": declare <async-supported>true</async-supported>"
                        + " on every filter in front of the pack's endpoints (logged once)");
            }
            readBlocking(request, response, maxBytes, timeout, handler);
        }
    }

    private static void readBlocking(HttpServletRequest request, HttpServletResponse response, int maxBytes,
                                     Duration timeout, Handler handler) throws IOException {
        byte[] body;
        try {
            // Not closed here (the container's stream): on WildFly closing it drains the rest of the body first.
            body = BlockingBody.read(request.getInputStream(), maxBytes, timeout, Clock.systemUTC());
        } catch (BadRequestException e) {
            refuse(request, response, e.status(), e.code(), e.getMessage());
            return;
        }
        handler.accept(body);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String code,
                               String reason) throws IOException {
        LOG.fine(() -> "refused the body of " + request.getMethod() + " " + request.getRequestURI() + " from "
                + request.getRemoteAddr() + ": " + reason);
        if (!response.isCommitted()) {
            sendRefusal(request, response, status, code);
        }
    }

    /**
     * Answers a refused body with the pack's JSON: the connection ends after it ({@link #closeAfterAnswer})
     * and the answer is sent now, not when the container ends the request, because WildFly first drains
     * the unread rest of the body, so a client still sending would wait for it as long as it sends.
     */
    public static void sendRefusal(HttpServletRequest request, HttpServletResponse response, int status, String code)
            throws IOException {
        closeAfterAnswer(request, response);
        JsonResponses.error(response, status, code);
        response.flushBuffer();
    }

    /**
     * Ends the connection after this answer when the request announced a body that may not have
     * been read in full: the rest of it would otherwise be taken for the next request on the
     * same connection, which then waits for an answer that never comes. Only over HTTP/1.x:
     * HTTP/2 forbids the header (a malformed response) and ends the stream alone.
     */
    public static void closeAfterAnswer(HttpServletRequest request, HttpServletResponse response) {
        boolean body = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        if (body && request.getProtocol().startsWith("HTTP/1") && !response.isCommitted()) {
            response.setHeader("Connection", "close");
        }
    }

    /**
     * One body read without blocking: container threads call it as bytes arrive, and
     * exactly one of handler, 413, 408 or 400 ends the request.
     */
    private static final class BodyRead implements ReadListener, AsyncListener {

        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final AsyncContext async;
        private final ServletInputStream in;
        private final int maxBytes;
        private final Handler handler;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final byte[] buffer = new byte[4096];
        private final AtomicBoolean ended = new AtomicBoolean();

        BodyRead(HttpServletRequest request, HttpServletResponse response, AsyncContext async, ServletInputStream in,
                 int maxBytes, Handler handler) {
            this.request = request;
            this.response = response;
            this.async = async;
            this.in = in;
            this.maxBytes = maxBytes;
            this.handler = handler;
        }

        @Override
        public synchronized void onDataAvailable() throws IOException {
            while (!ended.get() && in.isReady()) {
                int n = in.read(buffer);
                if (n >= 0) {
                    body.write(buffer, 0, n);
                    if (body.size() > maxBytes) {
                        end(413, "body_too_large", "body over " + maxBytes + " bytes");
                        return;
                    }
                }
                if (n < 0 || in.isFinished()) {
                    // Not left to the container alone: a container that misses the call (or reads
                    // were done here, outside its callback) must not leave the request hanging.
                    // onAllDataRead runs the handler once, whoever calls first.
                    onAllDataRead();
                    return;
                }
            }
        }

        /** Reads what is there now, if the container has not called yet; registers for the rest. */
        synchronized void poll() throws IOException {
            if (!ended.get() && in.isReady()) {
                onDataAvailable();
            }
        }

        @Override
        public void onAllDataRead() {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            try {
                handler.accept(body.toByteArray());
            } catch (IOException | RuntimeException e) {
                // The handler maps its own failures; what escapes it is the client gone while we answered.
                LOG.log(Level.FINE, "answer to " + request.getRequestURI() + " not delivered", e);
            } finally {
                async.complete();
            }
        }

        @Override
        public void onError(Throwable t) {
            end(400, "malformed_body", "body could not be read: " + t);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            end(408, "body_timeout", "body not complete within the deadline (" + body.size() + " bytes arrived)");
        }

        @Override
        public void onError(AsyncEvent event) {
            end(400, "malformed_body", "request failed: " + event.getThrowable());
        }

        @Override
        public void onComplete(AsyncEvent event) {
            // Nothing held beyond the request.
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // Not restarted.
        }

        private void end(int status, String code, String reason) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            try {
                refuse(request, response, status, code, reason);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "refusal to " + request.getRequestURI() + " not delivered", e);
            } finally {
                async.complete();
            }
        }
    }
}
