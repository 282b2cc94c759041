package io.ssrguard.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a browser without a signed-in user is sent, and how: the sign-in
 * location with the way back in {@code returnTo} (the path and query inside
 * the application, as sent), never cached. One rule for the site gate and for
 * constrained pages; the sign-in path comes from the gate's settings.
 *
 * @param signInPath the sign-in page, relative to the context path
 */
public record SignInRedirect(String signInPath) {

    /** The sign-in location for a request to {@code rawPathAndQuery} under {@code contextPath}. */
    public String location(String contextPath, String rawPathAndQuery) {
        return contextPath + signInPath + "?returnTo=" + URLEncoder.encode(rawPathAndQuery, StandardCharsets.UTF_8);
    }

    /** The sign-in location that brings the browser back to this request. */
    public String location(HttpServletRequest request) {
        return location(request.getContextPath(), returnTo(request));
    }

    /** The request's path inside the application, as sent, with its query: where to come back to. */
    public static String returnTo(HttpServletRequest request) {
        String rawPath = request.getRequestURI().substring(request.getContextPath().length());
        return request.getQueryString() == null ? rawPath : rawPath + "?" + request.getQueryString();
    }

    /** A 302 to {@code location} that no cache keeps (the next visit may well be signed in). */
    public static void send(HttpServletResponse response, String location) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.sendRedirect(location);
    }
}
