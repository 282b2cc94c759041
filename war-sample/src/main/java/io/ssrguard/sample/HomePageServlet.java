package io.ssrguard.sample;

import io.ssrguard.auth.Caller;
import io.ssrguard.auth.RequestAttributes;
import io.ssrguard.csp.CspAttributes;
import io.ssrguard.csrf.CsrfAttributes;
import io.ssrguard.csrf.CsrfTokens;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * {@code GET /}: a server-rendered page that greets the signed-in user. Its
 * inline script carries the request's CSP nonce, and the CSRF token for its
 * fetch calls is rendered into the page, as a JSP or JSF page would do; its
 * note form is a plain HTML form whose token is a hidden field. Visitors sign in
 * on the pack's own page ({@code /auth/sign-in}, where the site gate sends them)
 * or with the form here, which uses the JSON API. With OpenID Connect on, "Sign
 * out" goes through the pack's OpenID Connect logout and then to the provider's
 * logout, so that the provider's session ends too (otherwise the next visit would
 * sign the user straight back in there).
 */
@WebServlet("")
public class HomePageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Where "Sign out" posts: the pack's logout, or its OpenID Connect logout when that is on. */
    private String signOutPath;

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        Config settings = ConfigProvider.getConfig();
        boolean oidc = settings.getOptionalValue("ssrguard.oidc.enabled", Boolean.class).orElse(false);
        signOutPath = oidc
                ? settings.getOptionalValue("ssrguard.oidc.logout-path", String.class).orElse("/auth/oidc/logout")
                : settings.getOptionalValue("ssrguard.auth.logout-path", String.class).orElse("/auth/logout");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object caller = request.getAttribute(RequestAttributes.CALLER);
        String greeting = caller instanceof Caller c
                ? "Signed in as " + Html.escape(c.name()) + " (" + Html.escape(String.join(", ", c.groups().stream().sorted().toList())) + ")"
                : "Not signed in";
        String nonce = request.getAttribute(CspAttributes.NONCE) instanceof String n ? n : "";
        CsrfTokens tokens = request.getAttribute(CsrfAttributes.TOKENS) instanceof CsrfTokens t ? t : null;
        String csrfToken = tokens != null ? tokens.getClientToken() : "";
        String csrfField = tokens != null ? tokens.getFieldName() : "_csrf";
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        PrintWriter out = response.getWriter();
        out.println("<!DOCTYPE html>");
        out.println("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>SSR Guard sample</title>"
                + "<meta name=\"csrf-token\" content=\"" + Html.escape(csrfToken) + "\"></head><body>");
        out.println("<h1>SSR Guard sample</h1>");
        out.println("<p id=\"greeting\">" + greeting + "</p>");
        out.println("<form id=\"login\"><input name=\"username\" placeholder=\"alice\">"
                + "<input name=\"password\" type=\"password\" placeholder=\"alice123\">"
                + "<label><input name=\"rememberMe\" type=\"checkbox\"> remember me</label>"
                + "<button>Sign in</button></form>");
        // A plain HTML form, no script: the CSRF token travels in a hidden field.
        out.println("<form id=\"note\" method=\"post\" action=\"api/notes\"><input type=\"hidden\" name=\""
                + Html.escape(csrfField) + "\" value=\"" + Html.escape(csrfToken) + "\">"
                + "<input name=\"text\" placeholder=\"a note\"><button>Add note</button></form>");
        out.println("<button id=\"logout\">Sign out</button> <a href=\"auth/sign-in\">sign-in page</a>"
                + " <a href=\"api/profile\">profile</a> <a href=\"api/admin\">admin</a>");
        out.println("<pre id=\"out\"></pre>");
        out.println("<script nonce=\"" + Html.escape(nonce) + "\">");
        out.println("const csrf = () => document.querySelector('meta[name=csrf-token]').content;");
        out.println("const show = async r => { document.getElementById('out').textContent = r.status + ' ' + await r.text(); };");
        out.println("document.getElementById('login').addEventListener('submit', async e => { e.preventDefault();");
        out.println("  const f = new FormData(e.target);");
        out.println("  const r = await fetch('auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': csrf() },");
        out.println("    body: JSON.stringify({ username: f.get('username'), password: f.get('password'), rememberMe: f.get('rememberMe') === 'on' }) });");
        out.println("  await show(r); if (r.ok) location.reload(); });");
        out.println("document.getElementById('logout').addEventListener('click', async () => {");
        // The OpenID Connect logout answers the provider's logout URL: going there ends the provider's session too.
        out.println("  const r = await fetch(" + Json.quote(request.getContextPath() + signOutPath)
                + ", { method: 'POST', headers: { 'X-XSRF-TOKEN': csrf() } });");
        out.println("  const body = await r.clone().json().catch(() => ({})); await show(r);");
        out.println("  if (body.providerLogout) { location.href = body.providerLogout; } else { location.reload(); } });");
        out.println("</script>");
        out.println("</body></html>");
    }
}
