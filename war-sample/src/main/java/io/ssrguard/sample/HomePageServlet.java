package io.ssrguard.sample;

import io.ssrguard.auth.Caller;
import io.ssrguard.auth.RequestAttributes;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/** {@code GET /}: a server-rendered page that greets the signed-in user. */
@WebServlet("")
public class HomePageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object caller = request.getAttribute(RequestAttributes.CALLER);
        String greeting = caller instanceof Caller c
                ? "Signed in as " + html(c.name()) + " (" + html(String.join(", ", c.groups().stream().sorted().toList())) + ")"
                : "Not signed in";
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        PrintWriter out = response.getWriter();
        out.println("<!DOCTYPE html>");
        out.println("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>SSR Guard sample</title></head><body>");
        out.println("<h1>SSR Guard sample</h1>");
        out.println("<p id=\"greeting\">" + greeting + "</p>");
        out.println("<form id=\"login\"><input name=\"username\" placeholder=\"alice\">"
                + "<input name=\"password\" type=\"password\" placeholder=\"alice123\">"
                + "<label><input name=\"rememberMe\" type=\"checkbox\"> remember me</label>"
                + "<button>Sign in</button></form>");
        out.println("<button id=\"logout\">Sign out</button> <a href=\"api/profile\">profile</a> <a href=\"api/admin\">admin</a>");
        out.println("<pre id=\"out\"></pre>");
        out.println("<script>");
        out.println("const show = async r => { document.getElementById('out').textContent = r.status + ' ' + await r.text(); };");
        out.println("document.getElementById('login').addEventListener('submit', async e => { e.preventDefault();");
        out.println("  const f = new FormData(e.target);");
        out.println("  const r = await fetch('auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },");
        out.println("    body: JSON.stringify({ username: f.get('username'), password: f.get('password'), rememberMe: f.get('rememberMe') === 'on' }) });");
        out.println("  await show(r); if (r.ok) location.reload(); });");
        out.println("document.getElementById('logout').addEventListener('click', async () => {");
        out.println("  await show(await fetch('auth/logout', { method: 'POST' })); location.reload(); });");
        out.println("</script>");
        out.println("</body></html>");
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
