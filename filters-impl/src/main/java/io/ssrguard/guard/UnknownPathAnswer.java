package io.ssrguard.guard;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Answers a request exactly as the application answers an unknown path, whatever the method.
 *
 * <p>That answer is not one answer: it depends on the method ({@code OPTIONS} gets 200 and {@code Allow},
 * {@code PUT} a 405 or 403, a method nobody knows 501...), on the container and on what the application
 * maps to {@code /} or {@code /*}. So rather than imitate it, the request is forwarded, method and all, to a
 * path that exists nowhere (random per start), and whatever serves unknown paths answers it. Two things
 * keep the forward from showing:
 * <ul>
 * <li>the target sees a direct request ({@link DispatcherType#REQUEST}): Undertow's default servlet answers
 * a forwarded {@code OPTIONS} with 404 instead of 200 and {@code Allow};</li>
 * <li>the target gets a response whose writer and stream are opened only when something is written, and
 * whose {@code flushBuffer} waits until then: after a forward, Payara and Tomcat "close" the response by
 * opening its writer, which adds {@code ;charset=ISO-8859-1} to a 404 page's {@code Content-Type} and
 * sends an empty {@code OPTIONS} answer chunked instead of with {@code Content-Length: 0}. Left alone,
 * the response is finished by the container as after any direct request.</li>
 * </ul>
 */
final class UnknownPathAnswer {

    /** A context-relative path no application serves, so that it reaches whatever serves unknown paths. */
    private final String unknownPath;

    UnknownPathAnswer() {
        byte[] bytes = new byte[8];
        new SecureRandom().nextBytes(bytes);
        this.unknownPath = "/ssrguard-unknown-" + HexFormat.of().formatHex(bytes);
    }

    void send(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        RequestDispatcher unknown = request.getRequestDispatcher(unknownPath);
        if (unknown == null) {
            // No container returns null for a well-formed path; should one, still answer nothing but a 404.
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        unknown.forward(new DirectRequest(request), new LazyResponse(response));
    }

    /** The request as a direct one, not a forward. */
    private static final class DirectRequest extends HttpServletRequestWrapper {
        DirectRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public DispatcherType getDispatcherType() {
            return DispatcherType.REQUEST;
        }
    }

    /** Opens the real writer or stream at the first byte written; flushes and closes only what was opened. */
    private static final class LazyResponse extends HttpServletResponseWrapper {
        private PrintWriter writer;
        private ServletOutputStream stream;
        private boolean written;

        LazyResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public PrintWriter getWriter() {
            if (stream != null) {
                throw new IllegalStateException("getOutputStream() has already been called");
            }
            if (writer == null) {
                writer = new PrintWriter(new LazyWriter());
            }
            return writer;
        }

        @Override
        public ServletOutputStream getOutputStream() {
            if (writer != null) {
                throw new IllegalStateException("getWriter() has already been called");
            }
            if (stream == null) {
                stream = new LazyStream();
            }
            return stream;
        }

        @Override
        public void flushBuffer() throws IOException {
            if (written) {
                super.flushBuffer();
            }
        }

        private final class LazyWriter extends Writer {
            private PrintWriter target;

            private PrintWriter target() throws IOException {
                if (target == null) {
                    written = true;
                    target = getResponse().getWriter();
                }
                return target;
            }

            @Override
            public void write(char[] chars, int offset, int length) throws IOException {
                target().write(chars, offset, length);
            }

            @Override
            public void flush() {
                if (target != null) {
                    target.flush();
                }
            }

            @Override
            public void close() {
                if (target != null) {
                    target.close();
                }
            }
        }

        private final class LazyStream extends ServletOutputStream {
            private ServletOutputStream target;

            private ServletOutputStream target() throws IOException {
                if (target == null) {
                    written = true;
                    target = getResponse().getOutputStream();
                }
                return target;
            }

            @Override
            public void write(int b) throws IOException {
                target().write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                target().write(bytes, offset, length);
            }

            @Override
            public void flush() throws IOException {
                if (target != null) {
                    target.flush();
                }
            }

            @Override
            public void close() throws IOException {
                if (target != null) {
                    target.close();
                }
            }

            @Override
            public boolean isReady() {
                try {
                    return target().isReady();
                } catch (IOException e) {
                    return false;
                }
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                try {
                    target().setWriteListener(listener);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
