package io.ssrguard.http;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/** Looks up cookies on a servlet request by their wire name. */
public final class RequestCookies {

    private RequestCookies() {
    }

    /** The value of the first cookie with this name, or {@code null}. */
    public static String value(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (name.equals(c.getName())) {
                return c.getValue();
            }
        }
        return null;
    }
}
