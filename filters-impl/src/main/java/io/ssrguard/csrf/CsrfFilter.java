package io.ssrguard.csrf;

import io.ssrguard.config.SsrGuardProperties;
import io.ssrguard.http.BadRequestException;
import io.ssrguard.http.JsonResponses;
import io.ssrguard.http.LogSafe;
import io.ssrguard.http.PathPattern;
import io.ssrguard.http.RequestBodies;
import io.ssrguard.http.StartedComponents;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * CSRF protection for unsafe requests, declared by the application in
 * {@code web.xml} after the authentication filter (or mechanism):
 * <ol>
 *   <li>GET, HEAD, OPTIONS and TRACE pass;</li>
 *   <li>exempt paths ({@code ssrguard.csrf.exempt-paths}) pass;</li>
 *   <li>bearer-only requests pass (the one rule of authentication's
 *       {@code BearerOnlyRule}: bearer authentication on, a valid bearer token,
 *       no session cookie, not an endpoint that issues session cookies):
 *       browsers never attach that header on their own, so these are not
 *       ambient-credential requests;</li>
 *   <li>cross-site requests ({@link CrossSiteCheck}) are refused, whatever token they carry;</li>
 *   <li>a request with an {@code X-SSR-CSRF} header needs a valid SSR bypass
 *       token; any other needs a valid client token in cookie and header, or, for a
 *       form post without the header, in cookie and form field ({@link FormFieldToken}).</li>
 * </ol>
 * A refusal is a 403 {@code {"error":"csrf"}} and one log line with the reason.
 * Every request also gets the {@link CsrfTokens} attribute
 * ({@link CsrfAttributes#TOKENS}) for server-rendered pages.
 */
public final class CsrfFilter implements Filter {

    private static final Logger LOG = Logger.getLogger(CsrfFilter.class.getName());
    private static final String SECURITY_LOG = "SSR Guard security event: ";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    /** Unsafe responses depend on these request headers; caches must not mix them up. */
    static final String VARY = "Origin, Sec-Fetch-Site";

    private final Function<ServletContext, Optional<CsrfProtection>> lookup;
    private CsrfProtection protection;
    private FormFieldToken formField;

    /** For {@code web.xml}: finds the application's {@link CsrfProtection} in the servlet context at init. */
    public CsrfFilter() {
        this(CsrfProtection::of);
    }

    /** For tests and programmatic registration: uses this instance. */
    public CsrfFilter(CsrfProtection protection) {
        this(context -> Optional.of(protection));
        this.protection = protection;
        this.formField = FormFieldToken.of(protection.settings());
    }

    /** @param lookup finds the application's {@link CsrfProtection} in its servlet context */
    public CsrfFilter(Function<ServletContext, Optional<CsrfProtection>> lookup) {
        this.lookup = lookup;
    }

    /**
     * Finds the prepared protection. Without it the filter refuses to start, so
     * that a declared but unconfigured filter never lets requests through.
     */
    @Override
    public void init(FilterConfig config) throws ServletException {
        if (protection == null) {
            protection = lookup.apply(config.getServletContext()).orElseThrow(() -> new ServletException(
                    StartedComponents.notStarted(getClass().getName())));
        }
        formField = FormFieldToken.of(protection.settings());
        LOG.info(() -> "SSR Guard CSRF filter " + (protection.settings().enabled() ? "on" : "OFF ("
                + SsrGuardProperties.CSRF_ENABLED + "=false)"));
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        CsrfProtection p = protection;
        request.setAttribute(CsrfAttributes.TOKENS, new RequestCsrfTokens(p, request, response));
        if (!p.settings().enabled() || SAFE_METHODS.contains(request.getMethod())
                || p.settings().exempt(PathPattern.of(request)) || p.bearerOnly().test(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.addHeader("Vary", VARY);
        HttpServletRequest checked;
        try {
            checked = check(request, p, formField);
        } catch (CsrfRejectedException e) {
            LOG.info(() -> SECURITY_LOG + "CSRF refused " + request.getMethod() + " "
                    + LogSafe.printable(PathPattern.of(request), 200) + ": " + e.reason().code() + " (" + e.getMessage()
                    + ") from " + request.getRemoteAddr());
            RequestBodies.closeAfterAnswer(request, response);
            JsonResponses.error(response, HttpServletResponse.SC_FORBIDDEN, "csrf");
            return;
        } catch (BadRequestException e) {
            LOG.info(() -> "SSR Guard: CSRF form field not read on " + request.getMethod() + " "
                    + LogSafe.printable(PathPattern.of(request), 200) + ": " + e.getMessage() + ", from " + request.getRemoteAddr());
            RequestBodies.sendRefusal(request, response, e.status(), e.code());
            return;
        }
        chain.doFilter(checked, response);
    }

    /** @return the request to hand on: itself, or a wrapper replaying a form body read for its token field */
    private static HttpServletRequest check(HttpServletRequest request, CsrfProtection p, FormFieldToken formField)
            throws CsrfRejectedException, BadRequestException, IOException {
        p.crossSite().check(request.getHeader("Sec-Fetch-Site"), request.getHeader("Origin"),
                request.getHeader("Referer"), p.origins().origins(request));
        String userAgent = request.getHeader("User-Agent");
        String sid = CsrfProtection.callerSessionId(request);
        String ssr = request.getHeader(p.settings().ssrHeaderName());
        String header = request.getHeader(p.settings().headerName());
        HttpServletRequest handedOn = request;
        if (ssr == null && FormFieldToken.isForm(request.getContentType())) {
            // Cross-site requests were refused above, before any body is read.
            FormFieldToken.Read form = formField.read(request);
            handedOn = form.request();
            if (header == null) {
                header = form.token();
            } else if (form.token() != null && !MessageDigest.isEqual(form.token().getBytes(StandardCharsets.US_ASCII),
                    header.getBytes(StandardCharsets.US_ASCII))) {
                // Two tokens that disagree: one of them was not this page's, so neither is trusted.
                throw new CsrfRejectedException(CsrfRejection.FIELD_HEADER_MISMATCH,
                        "the form field and the " + p.settings().headerName() + " header differ");
            }
        }
        if (ssr == null && sid == null && header != null && p.sessionRenewalPaths().contains(PathPattern.of(request))) {
            // Refresh or logout after the access cookie expired: no caller yet, so take the token's own session.
            sid = p.codec().decode(header).sessionId();
        }
        if (ssr != null) {
            p.verifier().verifySsr(ssr, userAgent, sid);
        } else {
            p.verifier().verifyClient(p.cookieValue(request), header, userAgent, sid);
        }
        return handedOn;
    }
}
