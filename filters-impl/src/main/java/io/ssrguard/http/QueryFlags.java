package io.ssrguard.http;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Switches in the query string ({@code ?all=true}), read from the query string
 * alone: {@code getParameter} on a POST would make the container read a form
 * body, blocking, with no deadline (see {@link RequestBodies}).
 */
public final class QueryFlags {

    private QueryFlags() {
    }

    /** Whether the query string holds {@code name=true}. */
    public static boolean isTrue(HttpServletRequest request, String name) {
        String query = request.getQueryString();
        if (query == null) {
            return false;
        }
        for (String pair : query.split("&")) {
            if (pair.equals(name + "=true")) {
                return true;
            }
        }
        return false;
    }
}
