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
    private static final String SCRIPT_RESOURCE = "sign-in.js";

    private final transient SignInSettings settings;
    private final transient Optional<String> loginPath;
    private final transient Optional<String> providerLoginPath;
    private final transient Optional<String> passkeyPaths;
    private final transient byte[] stylesheet;
    private final transient byte[] script;
    private final transient Endpoint page;
    private final transient Endpoint stylesheetEndpoint;
    private final transient Endpoint scriptEndpoint;

    /**
     * @param loginPath         the password login endpoint, empty when password sign-in is off
     * @param providerLoginPath the OpenID Connect login endpoint, empty when that is off
     * @param passkeyPaths      where the passkey endpoints live, empty when passkeys are off
     */
    public SignInPageServlet(SignInSettings settings, Optional<String> loginPath, Optional<String> providerLoginPath,
                             Optional<String> passkeyPaths) {
        super("sign-in page");
        this.settings = settings;
        this.loginPath = loginPath;
        this.providerLoginPath = providerLoginPath;
        this.passkeyPaths = passkeyPaths;
        this.stylesheet = resource(STYLESHEET_RESOURCE);
        this.script = resource(SCRIPT_RESOURCE);
        this.page = new Endpoint(List.of("GET", "HEAD"), this::page);
        this.stylesheetEndpoint = new Endpoint(List.of("GET", "HEAD"),
                (request, response) -> serve(response, "text/css;charset=UTF-8", stylesheet));
        this.scriptEndpoint = new Endpoint(List.of("GET", "HEAD"),
                (request, response) -> serve(response, "text/javascript;charset=UTF-8", script));
    }

    @Override
    protected Optional<Endpoint> endpoint(String servletPath) {
        if (servletPath.equals(settings.stylesheet())) {
            return Optional.of(stylesheetEndpoint);
        }
        return Optional.of(servletPath.equals(settings.script()) ? scriptEndpoint : page);
    }

    private void page(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HtmlResponses.write(response, 200, SignInPage.render(view(request)));
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
                SignInMessages.forCode(request.getParameter("error")), nonce, csrf,
                passkeyPaths.map(base -> new SignInPage.PasskeyButton(context + base + "/sign-in-options",
                        context + base + "/sign-in", context + settings.script())));
    }

    private static void serve(HttpServletResponse response, String contentType, byte[] body) throws IOException {
        response.setStatus(200);
        response.setContentType(contentType);
        response.setHeader("Cache-Control", "public, max-age=3600");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static byte[] resource(String name) {
        try (InputStream in = SignInPageServlet.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the pack's jar lacks " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
