package io.ssrguard.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * A hand-written HTTP/1.1 exchange over a plain socket, for what no HTTP client
 * sends: a body shorter than its {@code Content-Length}, after which the client
 * keeps the connection open and waits, or a body trickled a byte at a time.
 */
public final class RawHttp {

    /** Status line, headers and body of a response, and how long it took to arrive. */
    public record Answer(int status, String head, String body, Duration took) {
    }

    private RawHttp() {
    }

    /**
     * Sends {@code head} (request line and headers, without the blank line), then the blank line and
     * {@code bodySent}, and reads one response (by its Content-Length) for at most {@code wait}.
     */
    public static Answer exchange(URI base, String head, String bodySent, Duration wait) throws IOException {
        int port = base.getPort() == -1 ? 80 : base.getPort();
        long start = System.nanoTime();
        try (Socket socket = new Socket(base.getHost(), port)) {
            socket.setSoTimeout((int) wait.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\n\r\n" + bodySent).getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String headers = readHead(in);
            int length = contentLength(headers);
            byte[] body = length >= 0 ? in.readNBytes(length) : new byte[0];
            int status = Integer.parseInt(headers.substring(9, 12));
            return new Answer(status, headers, new String(body, StandardCharsets.UTF_8),
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer within " + wait, e);
        }
    }

    /** The status of an {@link Answer} when the server closed the connection without answering at all. */
    public static final int CLOSED = 0;

    /**
     * As {@link #exchange}, but a connection the server closed before sending a byte is an answer with
     * status {@link #CLOSED} rather than an exception: how WildFly ends a request whose body stopped
     * arriving once its listener's read timeout passed.
     */
    public static Answer exchangeOrClosed(URI base, String head, String bodySent, Duration wait) throws IOException {
        long start = System.nanoTime();
        try {
            return exchange(base, head, bodySent, wait);
        } catch (IOException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("connection closed after 0 bytes")) {
                throw e;
            }
            return new Answer(CLOSED, "", "", Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /**
     * Sends {@code head} and the blank line, then one byte of body every {@code every} (a client that
     * trickles its body) from another thread, and reads one response for at most {@code wait}.
     */
    public static Answer trickle(URI base, String head, Duration every, Duration wait) throws IOException {
        int port = base.getPort() == -1 ? 80 : base.getPort();
        long start = System.nanoTime();
        try (Socket socket = new Socket(base.getHost(), port)) {
            socket.setSoTimeout((int) wait.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread dripping = new Thread(() -> {
                try {
                    while (!socket.isClosed()) {
                        Thread.sleep(every.toMillis());
                        out.write('x');
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // The server answered and closed, or the test ended.
                }
            }, "raw-http-trickle");
            dripping.setDaemon(true);
            dripping.start();
            InputStream in = socket.getInputStream();
            String headers = readHead(in);
            int length = contentLength(headers);
            byte[] body = length >= 0 ? in.readNBytes(length) : new byte[0];
            int status = Integer.parseInt(headers.substring(9, 12));
            return new Answer(status, headers, new String(body, StandardCharsets.UTF_8),
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer within " + wait, e);
        }
    }

    /**
     * One request as written ({@code method}, {@code target} as sent on the request line, byte for byte,
     * {@code headers} as {@code Name: value} lines), with {@code Connection: close}; the whole answer is read
     * to the end of the connection, so that it works for HEAD, for chunked answers and for answers without
     * a length alike.
     */
    public static Answer send(URI base, String method, String target, java.util.List<String> headers, String body)
            throws IOException {
        int port = base.getPort() == -1 ? 80 : base.getPort();
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append(':').append(port).append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach(h -> head.append(h).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        }
        long start = System.nanoTime();
        try (Socket socket = new Socket(base.getHost(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\n" + (body == null ? "" : body)).getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String headers1 = readHead(in);
            byte[] rest = in.readAllBytes();
            String text = new String(rest, StandardCharsets.UTF_8);
            if (headers1.toLowerCase(Locale.ROOT).contains("\r\ntransfer-encoding: chunked")) {
                text = dechunk(text);
            }
            return new Answer(Integer.parseInt(headers1.substring(9, 12)), headers1, text,
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (SocketTimeoutException e) {
            throw new AssertionError(method + " " + target + ": no answer within 30 s", e);
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int eol = chunked.indexOf("\r\n", at);
            if (eol < 0) {
                break;
            }
            String sizeField = chunked.substring(at, eol).split(";")[0].trim();
            int size = sizeField.isEmpty() ? 0 : Integer.parseInt(sizeField, 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, eol + 2, Math.min(chunked.length(), eol + 2 + size));
            at = eol + 2 + size + 2;
        }
        return body.toString();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head.size() + " bytes: " + head);
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return -1;
    }
}
