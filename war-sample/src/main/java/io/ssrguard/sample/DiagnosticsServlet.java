package io.ssrguard.sample;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;

/**
 * {@code GET /internal/diagnostics}: details for operators. SSR Guard's guard
 * hides it (a plain 404) unless the request carries the internal secret;
 * Kubernetes probes get only {@code {"status":"UP"}} from the guard.
 */
@WebServlet("/internal/diagnostics")
public class DiagnosticsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Runtime rt = Runtime.getRuntime();
        Json.write(response, "{\"status\":\"UP\",\"uptimeMillis\":" + ManagementFactory.getRuntimeMXBean().getUptime()
                + ",\"java\":" + Json.quote(System.getProperty("java.version"))
                + ",\"server\":" + Json.quote(request.getServletContext().getServerInfo())
                + ",\"heapUsedBytes\":" + (rt.totalMemory() - rt.freeMemory()) + "}");
    }
}
