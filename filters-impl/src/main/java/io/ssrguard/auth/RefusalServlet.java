package io.ssrguard.auth;

import io.ssrguard.csp.CspAttributes;
import io.ssrguard.http.BrowserNavigation;
import io.ssrguard.http.HtmlResponses;
import io.ssrguard.http.JsonResponses;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Optional;

/**
 * The error page for 401 and 403 (declared in the pack's {@code web-fragment.xml},
 * registered by the pack at {@link #PATH}), so that a refusal has the same status,
 * headers and body on every container, whoever sent it: the container's own
 * constraint check (Payara, WildFly), {@link AuthFilter} (Tomcat) or the application's
 * {@code sendError}. Browser navigations get an HTML page (for 403 the application's
 * own page when {@code ssrguard.auth.forbidden-page} names one), every other request
 * the pack's JSON. An application's own {@code <error-page>} for these codes in its
 * {@code web.xml} takes precedence over the fragment's, as the Servlet specification says.
 * Asked directly, not as an error page, it answers what an unknown path answers.
 */
public final class RefusalServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Where the pack registers it; the {@code <location>} of the fragment's error pages. */
    public static final String PATH = "/ssrguard/refused";

    /** Servlet 6.1's attribute for the refused request's query; absent on Servlet 6.0 containers. */
    private static final String ERROR_QUERY_STRING = "jakarta.servlet.error.query_string";

    private final transient AccessRefusals refusals;

    public RefusalServlet(AccessRefusals refusals) {
        this.refusals = refusals;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (request.getDispatcherType() != DispatcherType.ERROR
                || !(code instanceof Integer status) || (status != 401 && status != 403)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (!BrowserNavigation.is(request)) {
            JsonResponses.error(response, status, status == 401 ? "unauthorized" : "forbidden");
            return;
        }
        Optional<String> ownPage = status == 403 ? refusals.forbiddenPage() : Optional.empty();
        if (ownPage.isPresent()) {
            response.setHeader("Cache-Control", "no-store");
            request.getRequestDispatcher(ownPage.get()).forward(request, new FixedStatus(response, status));
            return;
        }
        String context = request.getContextPath();
        String signIn = refusals.signIn().location(context, refusedPathAndQuery(request));
        Optional<String> nonce = request.getAttribute(CspAttributes.NONCE) instanceof String n
                ? Optional.of(n) : Optional.empty();
        HtmlResponses.write(response, status, RefusalPage.html(status, signIn, context + "/", nonce));
    }

    /** The refused request's path inside the application (and its query where the container tells it). */
    private static String refusedPathAndQuery(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri instanceof String u && u.startsWith(request.getContextPath())
                ? u.substring(request.getContextPath().length()) : "/";
        Object query = request.getAttribute(ERROR_QUERY_STRING);
        return query instanceof String q && !q.isEmpty() ? path + "?" + q : path;
    }

    /**
     * Keeps the refusal's status while the application's own page renders: a static file or
     * a page servlet would otherwise answer 200.
     */
    private static final class FixedStatus extends HttpServletResponseWrapper {
        private final int status;

        FixedStatus(HttpServletResponse response, int status) {
            super(response);
            this.status = status;
        }

        @Override
        public void setStatus(int sc) {
            // The refusal's status stands.
        }

        @Override
        public void reset() {
            super.reset();
            super.setStatus(status);
            super.setHeader("Cache-Control", "no-store");
        }
    }
}
