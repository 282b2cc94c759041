package io.ssrguard.sample;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/events}: server-sent events through servlet async, behind the
 * pack's whole filter chain; web.xml requires role {@code user}. Sends
 * {@value #EVENTS} events {@value #INTERVAL_MILLIS} ms apart, each flushed on
 * its own, then completes. No worker thread waits between events: the request
 * goes async and one small scheduler writes them. (Writes block, so a client that stops
 * reading delays the others' events; a production stream would write through a
 * {@code WriteListener}. The sample only needs to show async through the pack's filters.)
 */
@WebServlet(urlPatterns = "/api/events", asyncSupported = true)
public class EventsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final int EVENTS = 4;
    static final long INTERVAL_MILLIS = 250;

    private transient ScheduledExecutorService ticks;

    @Override
    public void init() {
        ticks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sample-events");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void destroy() {
        ticks.shutdownNow();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Read the caller on the request thread: the async writer thread has no security context.
        String user = request.getRemoteUser();
        response.setContentType("text/event-stream;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        AsyncContext async = request.startAsync();
        async.setTimeout(EVENTS * INTERVAL_MILLIS + 30_000);
        PrintWriter out = response.getWriter();
        ticks.execute(() -> send(1, user, out, async));
    }

    /** Writes event {@code n} and schedules the next one, or completes after the last (or when the client left). */
    private void send(int n, String user, PrintWriter out, AsyncContext async) {
        out.write("id: " + n + "\nevent: tick\ndata: {\"n\":" + n + ",\"user\":" + Json.quote(user) + "}\n\n");
        out.flush();
        if (n == EVENTS || out.checkError()) {
            async.complete();
        } else {
            ticks.schedule(() -> send(n + 1, user, out, async), INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }
}
