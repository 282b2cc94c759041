package io.ssrguard.sample;

import io.ssrguard.csp.CspAttributes;
import io.ssrguard.csrf.CsrfAttributes;
import io.ssrguard.csrf.CsrfTokens;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * {@code GET /login}: the sign-in page the site gate sends visitors to, with
 * the page they wanted in {@code returnTo}. Public in the gate by default.
 */
@WebServlet("/login")
public class LoginPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String nonce = request.getAttribute(CspAttributes.NONCE) instanceof String n ? n : "";
        String csrfToken = request.getAttribute(CsrfAttributes.TOKENS) instanceof CsrfTokens t ? t.getClientToken() : "";
        String returnTo = safeReturnTo(request.getParameter("returnTo"));
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        PrintWriter out = response.getWriter();
        out.println("<!DOCTYPE html>");
        out.println("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign in</title>"
                + "<meta name=\"csrf-token\" content=\"" + Html.escape(csrfToken) + "\"></head><body>");
        out.println("<h1>Sign in</h1>");
        out.println("<form id=\"login\"><input name=\"username\" placeholder=\"alice\">"
                + "<input name=\"password\" type=\"password\" placeholder=\"alice123\">"
                + "<label><input name=\"rememberMe\" type=\"checkbox\"> remember me</label><button>Sign in</button></form>");
        out.println("<pre id=\"out\"></pre>");
        out.println("<script nonce=\"" + Html.escape(nonce) + "\">");
        out.println("const returnTo = " + Json.quote(returnTo) + ";");
        out.println("document.getElementById('login').addEventListener('submit', async e => { e.preventDefault();");
        out.println("  const f = new FormData(e.target);");
        out.println("  const r = await fetch(" + Json.quote(request.getContextPath() + "/auth/login") + ", { method: 'POST',");
        out.println("    headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': document.querySelector('meta[name=csrf-token]').content },");
        out.println("    body: JSON.stringify({ username: f.get('username'), password: f.get('password'), rememberMe: f.get('rememberMe') === 'on' }) });");
        out.println("  if (r.ok) { location.href = " + Json.quote(request.getContextPath()) + " + returnTo; }");
        out.println("  else { document.getElementById('out').textContent = r.status + ' ' + await r.text(); } });");
        out.println("</script></body></html>");
    }

    /** Only a path inside this application: no scheme, no other host, no backslash tricks. */
    static String safeReturnTo(String returnTo) {
        if (returnTo == null || !returnTo.startsWith("/") || returnTo.startsWith("//") || returnTo.contains("\\")
                || returnTo.chars().anyMatch(c -> c < 0x20)) {
            return "/";
        }
        return returnTo;
    }
}
