package io.ssrguard.signin;

import io.ssrguard.csp.CspAttributes;
import io.ssrguard.csrf.CsrfAttributes;
import io.ssrguard.csrf.CsrfTokens;
import io.ssrguard.http.HtmlResponses;
import io.ssrguard.http.EndpointServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Serves the pack's sign-in page ({@code GET ssrguard.auth.sign-in-page}) and its stylesheet (the
 * same path plus {@code .css}). Registered by the pack behind the application's filters, so the
 * page gets the request's CSP nonce and CSRF token like any page of the application.
 */
public final class SignInPageServlet extends EndpointServlet {

    private static final long serialVersionUID = 1L;
    private static final String STYLESHEET_RESOURCE = "sign-in.css";

    private final transient SignInSettings settings;
    private final transient Optional<String> loginPath;
    private final transient Optional<String> providerLoginPath;
    private final transient byte[] stylesheet;
    private final transient Endpoint page;
    private final transient Endpoint stylesheetEndpoint;

    /**
     * @param loginPath         the password login endpoint, empty when password sign-in is off
     * @param providerLoginPath the OpenID Connect login endpoint, empty when that is off
     */
    public SignInPageServlet(SignInSettings settings, Optional<String> loginPath, Optional<String> providerLoginPath) {
        super("sign-in page");
        this.settings = settings;
        this.loginPath = loginPath;
        this.providerLoginPath = providerLoginPath;
        this.stylesheet = readStylesheet();
        this.page = new Endpoint(List.of("GET", "HEAD"), this::page);
        this.stylesheetEndpoint = new Endpoint(List.of("GET", "HEAD"), this::stylesheet);
    }

    @Override
    protected Optional<Endpoint> endpoint(String servletPath) {
        return Optional.of(servletPath.equals(settings.stylesheet()) ? stylesheetEndpoint : page);
    }

    private void page(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HtmlResponses.write(response, 200, SignInPage.render(view(request)));
    }

    private void stylesheet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType("text/css;charset=UTF-8");
        response.setHeader("Cache-Control", "public, max-age=3600");
        response.setContentLength(stylesheet.length);
        response.getOutputStream().write(stylesheet);
    }

    private SignInPage.View view(HttpServletRequest request) {
        String context = request.getContextPath();
        Optional<SignInPage.CsrfField> csrf = request.getAttribute(CsrfAttributes.TOKENS) instanceof CsrfTokens t
                ? Optional.of(new SignInPage.CsrfField(t.getFieldName(), t.getClientToken()))
                : Optional.empty();
        Optional<String> nonce = request.getAttribute(CspAttributes.NONCE) instanceof String n
                ? Optional.of(n)
                : Optional.empty();
        return new SignInPage.View(context + settings.stylesheet(), loginPath.map(p -> context + p),
                providerLoginPath.map(p -> context + p), BrowserRedirects.safe(request.getParameter("returnTo")),
                SignInMessages.forCode(request.getParameter("error")), nonce, csrf);
    }

    private static byte[] readStylesheet() {
        try (InputStream in = SignInPageServlet.class.getResourceAsStream(STYLESHEET_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the pack's jar lacks " + STYLESHEET_RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
