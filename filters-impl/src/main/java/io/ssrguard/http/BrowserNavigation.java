package io.ssrguard.http;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The one rule for "a browser is loading a page", as opposed to a script's
 * ({@code fetch}, XHR) or another client's request: a {@code GET} or
 * {@code HEAD} with {@code Sec-Fetch-Mode: navigate}, or, from a browser that
 * sends no Fetch Metadata, one that accepts {@code text/html}. Navigations get
 * pages and redirects (the gate, constrained pages, the refusal pages); every
 * other request gets the pack's JSON.
 */
public final class BrowserNavigation {

    private BrowserNavigation() {
    }

    /** Whether the request is a browser navigation. */
    public static boolean is(HttpServletRequest request) {
        return is(request.getMethod(), request.getHeader("Sec-Fetch-Mode"), request.getHeader("Accept"));
    }

    /**
     * @param method    the request method
     * @param fetchMode {@code Sec-Fetch-Mode}, or {@code null}
     * @param accept    {@code Accept}, or {@code null}
     */
    static boolean is(String method, String fetchMode, String accept) {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return false;
        }
        if (fetchMode != null) {
            // A browser that sends Fetch Metadata says exactly what it does; its Accept is not asked.
            return fetchMode.equals("navigate");
        }
        return accept != null && accept.contains("text/html");
    }
}
