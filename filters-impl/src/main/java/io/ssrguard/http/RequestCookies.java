package io.ssrguard.http;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;

/**
 * Looks up cookies on a servlet request by their wire name, reading the {@code Cookie}
 * header itself.
 *
 * <p><b>Why not {@code getCookies()}.</b> Every container builds a {@code Cookie} object
 * (with the Servlet 6 name checks) for every cookie of the jar before the first look-up,
 * and Payara converts its own parsed cookies into them again; the load benchmark's
 * profile showed that conversion as the pack's largest single cost on a signed-in
 * request (issue 22). The pack needs one or two values of cookies it set itself, so it
 * scans the header for those names and allocates only the value it returns.
 *
 * <p><b>Rules</b> (RFC 6265 section 5.4, what browsers send): pairs separated by
 * {@code ;}, optional whitespace around names and values; the name is compared exactly;
 * a pair without {@code =} is skipped; the first pair with the name wins, across all
 * {@code Cookie} headers in order (HTTP/2 clients may split the jar over several), which is
 * the order {@code getCookies()} keeps. Values are returned as sent: quotes are kept, and
 * the pack's own values never contain them, so a quoted value simply fails its check.
 */
public final class RequestCookies {

    static final String HEADER = "Cookie";

    private RequestCookies() {
    }

    /** The value of the first cookie with this name, or {@code null}. */
    public static String value(HttpServletRequest request, String name) {
        Enumeration<String> headers = request.getHeaders(HEADER);
        if (headers == null) {
            return null;
        }
        while (headers.hasMoreElements()) {
            String found = valueIn(headers.nextElement(), name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The value of the first pair named {@code name} in one {@code Cookie} header, or {@code null}. */
    static String valueIn(String header, String name) {
        if (header == null) {
            return null;
        }
        int length = header.length();
        int start = 0;
        while (start < length) {
            int end = header.indexOf(';', start);
            if (end < 0) {
                end = length;
            }
            int nameStart = skipSpace(header, start, end);
            int equals = header.indexOf('=', nameStart);
            if (equals >= 0 && equals < end) {
                int nameEnd = trimSpace(header, nameStart, equals);
                if (nameEnd - nameStart == name.length() && header.startsWith(name, nameStart)) {
                    int valueStart = skipSpace(header, equals + 1, end);
                    return header.substring(valueStart, trimSpace(header, valueStart, end));
                }
            }
            start = end + 1;
        }
        return null;
    }

    private static int skipSpace(String s, int from, int to) {
        while (from < to && isSpace(s.charAt(from))) {
            from++;
        }
        return from;
    }

    /** The end of {@code s[from, to)} without trailing whitespace. */
    private static int trimSpace(String s, int from, int to) {
        while (to > from && isSpace(s.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }
}
