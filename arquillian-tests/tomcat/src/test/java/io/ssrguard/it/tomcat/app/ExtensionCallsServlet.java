package io.ssrguard.it.tomcat.app;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Shows the test how often the pack called the application's store and policy source:
 * they live in the WAR's class loader, which the test cannot reach directly.
 */
@WebServlet(ExtensionCallsServlet.PATH)
public class ExtensionCallsServlet extends HttpServlet {

    /** Where it answers. */
    public static final String PATH = "/it/extension-calls";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(Calls.report());
    }
}
