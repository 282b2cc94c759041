package io.ssrguard.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A loopback TCP forwarder in front of the OpenID Connect provider. The
 * application reaches the provider only through it (the provider derives its
 * issuer from the Host header, so nothing else changes); when told to, it
 * changes one character of the signature of every ID token in the provider's
 * answers, keeping the length, so the application receives a token whose
 * signature does not match, the way an attacker in the middle would send it.
 */
final class TamperingProxy implements AutoCloseable {

    private static final byte[] ID_TOKEN = "\"id_token\"".getBytes(StandardCharsets.US_ASCII);

    private final int targetPort;
    private final ServerSocket server;
    private volatile boolean tamper;

    TamperingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "oidc-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** From now on, ID tokens reach the application with a broken signature (or, with false, intact). */
    void tamperWithIdTokens(boolean on) {
        tamper = on;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                start(() -> pump(client, upstream, false));
                start(() -> pump(upstream, client, true));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromProvider) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                byte[] chunk = java.util.Arrays.copyOf(buffer, n);
                if (fromProvider && tamper) {
                    // Gather what arrives together, so that a token split over two reads is still found.
                    chunk = gather(from, in, chunk);
                    breakSignature(chunk);
                }
                out.write(chunk);
                out.flush();
            }
        } catch (IOException e) {
            // A side closed the connection.
        } finally {
            try {
                to.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }
    }

    private static byte[] gather(Socket from, InputStream in, byte[] first) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(first);
        int timeout = from.getSoTimeout();
        from.setSoTimeout(150);
        try {
            byte[] more = new byte[64 * 1024];
            int n;
            while ((n = in.read(more)) > 0) {
                all.write(more, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // Nothing more for now.
        } finally {
            from.setSoTimeout(timeout);
        }
        return all.toByteArray();
    }

    /** Changes one character of the signature part of each {@code "id_token" : "header.payload.signature"}. */
    static void breakSignature(byte[] data) {
        for (int i = indexOf(data, ID_TOKEN, 0); i >= 0; i = indexOf(data, ID_TOKEN, i + 1)) {
            int start = i + ID_TOKEN.length;
            while (start < data.length && (data[start] == ' ' || data[start] == ':' || data[start] == '\n')) {
                start++;
            }
            if (start >= data.length || data[start] != '"') {
                continue;
            }
            int dots = 0;
            for (int j = start + 1; j < data.length && data[j] != '"'; j++) {
                if (data[j] == '.' && ++dots == 2 && j + 6 < data.length) {
                    data[j + 5] = (byte) (data[j + 5] == 'A' ? 'B' : 'A');
                    break;
                }
            }
        }
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int k = 0; k < pattern.length; k++) {
                if (data[i + k] != pattern[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void start(Runnable task) {
        Thread t = new Thread(task, "oidc-proxy-pump");
        t.setDaemon(true);
        t.start();
    }
}
