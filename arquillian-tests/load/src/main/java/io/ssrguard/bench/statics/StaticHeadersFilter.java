package io.ssrguard.bench.statics;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The static-headers control of the load benchmark: the bare servlets plus this filter,
 * which writes the same response headers as the full chain with fixed values (the CSP
 * header with a fixed nonce of the same length), and does nothing else. What it costs
 * above bare is what writing those bytes costs the container, which any pack pays;
 * the full chain's cost above it is the pack's own logic.
 *
 * <p>The headers are the ones the full chain sent in the run's own check request,
 * which run.sh writes as {@code Name: value} lines to the file named by the system
 * property {@code bench.static-headers}, after the servers have started; the filter
 * reads the file on the first request after it exists and answers 503 before.
 */
@WebFilter("/api/*")
public class StaticHeadersFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private volatile String[][] headers;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String[][] fixed = headers;
        if (fixed == null) {
            fixed = load();
            if (fixed == null) {
                response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                return;
            }
            headers = fixed;
        }
        for (String[] header : fixed) {
            response.setHeader(header[0], header[1]);
        }
        chain.doFilter(request, response);
    }

    private static String[][] load() throws IOException {
        String file = System.getProperty("bench.static-headers");
        if (file == null || !Files.isRegularFile(Path.of(file))) {
            return null;
        }
        List<String[]> lines = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(file), StandardCharsets.ISO_8859_1)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                lines.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
            }
        }
        return lines.toArray(new String[0][]);
    }
}
