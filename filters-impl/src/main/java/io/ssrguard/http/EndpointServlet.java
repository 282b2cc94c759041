package io.ssrguard.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The base of the pack's endpoint servlets: the one dispatch from the servlet path to an
 * endpoint, the one {@code 404 not_found} for a path it does not serve, the one
 * {@code 405 method_not_allowed} with its {@code Allow} header, and the one mapping from
 * failures to answers: a {@link BadRequestException} becomes its status and short JSON
 * code, anything else is logged and answered {@code 500 internal_error}, never a stack
 * trace or an exception name.
 *
 * <p>A subclass names its endpoint for a path ({@link #endpoint}) and adds what its own refusals need by
 * overriding {@link #refuse} and {@link #fail}; work that completes later (a body read
 * without holding the thread) goes through {@link #answer} again, so that the same
 * mapping applies.
 */
public abstract class EndpointServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(EndpointServlet.class.getName());

    /** One endpoint's work. */
    @FunctionalInterface
    public interface Work {
        void run(HttpServletRequest request, HttpServletResponse response) throws IOException, BadRequestException;
    }

    /** A step whose failures become the one short answer each maps to. */
    @FunctionalInterface
    public interface Step {
        void run() throws IOException, BadRequestException;
    }

    /** An endpoint: the methods it answers (the {@code Allow} header of a 405) and its work. */
    public record Endpoint(List<String> methods, Work work) {

        public Endpoint {
            methods = List.copyOf(methods);
        }

        public static Endpoint of(String method, Work work) {
            return new Endpoint(List.of(method), work);
        }
    }

    private final String name;

    /** @param name how the log names these endpoints */
    protected EndpointServlet(String name) {
        this.name = name;
    }

    /** The endpoint at {@code servletPath}; empty answers {@code 404 not_found}. */
    protected abstract Optional<Endpoint> endpoint(String servletPath);

    @Override
    protected final void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath();
        answer(request, response, () -> {
            Endpoint endpoint = endpoint(path).orElseThrow(
                    () -> new BadRequestException(404, "not_found", "no endpoint at " + path));
            if (!endpoint.methods().contains(request.getMethod())) {
                response.setHeader("Allow", String.join(", ", endpoint.methods()));
                throw new BadRequestException(405, "method_not_allowed", request.getMethod() + " not allowed");
            }
            endpoint.work().run(request, response);
        });
    }

    /** Runs {@code step}, mapping what it throws to the answer: the one place endpoints fail. */
    protected final void answer(HttpServletRequest request, HttpServletResponse response, Step step)
            throws IOException {
        try {
            step.run();
        } catch (BadRequestException e) {
            refuse(request, response, e);
        } catch (RuntimeException e) {
            fail(request, response, e);
        }
    }

    /**
     * Answers a refusal: one log line (FINE: refusals of client input are routine) and the
     * short JSON error; a {@code 503} carries {@code Retry-After}.
     */
    protected void refuse(HttpServletRequest request, HttpServletResponse response, BadRequestException e)
            throws IOException {
        LOG.fine(() -> name + " refused " + request.getMethod() + " " + request.getServletPath() + ": "
                + e.getMessage());
        if (response.isCommitted()) {
            return;
        }
        if (e.status() == 503) {
            response.setHeader("Retry-After", Integer.toString(JsonResponses.RETRY_AFTER_SECONDS));
        }
        JsonResponses.error(response, e.status(), e.code());
    }

    /** Answers an unexpected failure: logged with its stack trace here, a bare {@code 500} to the client. */
    protected void fail(HttpServletRequest request, HttpServletResponse response, RuntimeException e)
            throws IOException {
        LOG.log(Level.SEVERE, "SSR Guard " + name + " " + request.getServletPath() + " failed", e);
        if (!response.isCommitted()) {
            JsonResponses.error(response, 500, "internal_error");
        }
    }

    /**
     * Endpoints by servlet path, in the order given; where two share a path (paths are
     * settings), the first listed wins, as in a chain of {@code if}s.
     */
    @SafeVarargs
    protected static Map<String, Endpoint> byPath(Map.Entry<String, Endpoint>... entries) {
        Map<String, Endpoint> byPath = new LinkedHashMap<>();
        for (Map.Entry<String, Endpoint> e : entries) {
            byPath.putIfAbsent(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(byPath);
    }

    /** How the log names these endpoints. */
    protected final String endpointName() {
        return name;
    }
}
