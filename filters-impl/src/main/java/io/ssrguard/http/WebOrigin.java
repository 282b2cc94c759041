package io.ssrguard.http;

import java.util.Locale;
import java.util.Optional;

/**
 * A web origin: scheme, host and port, normalised (lower case, default port
 * explicit) so that two spellings of one origin are equal. Parsing is strict
 * and hand-written: anything unusual (user info, a bad port, odd host
 * characters) is not an origin, which callers treat as foreign.
 *
 * @param scheme {@code http} or {@code https}
 * @param host   host name, IPv4 address or bracketed IPv6 address, lower case
 * @param port   the port, with the scheme's default filled in
 */
public record WebOrigin(String scheme, String host, int port) {

    /** Longest string parsed at all; real origins and referers of interest are far shorter. */
    static final int MAX_LENGTH = 2048;

    /**
     * Parses a configured origin: exactly {@code scheme://host[:port]}, a trailing
     * {@code /} tolerated (operators copy origins from address bars). The opaque
     * origin {@code null} gives empty.
     */
    public static Optional<WebOrigin> parse(String value) {
        return value != null && value.endsWith("/") && !value.endsWith("//")
                ? parseStrict(value.substring(0, value.length() - 1))
                : parseStrict(value);
    }

    /**
     * Parses an {@code Origin} header value: exactly {@code scheme://host[:port]}, as a
     * browser serialises an origin. A real {@code Origin} never has a path, not even
     * {@code /}, so anything more is malformed (and callers treat it as foreign).
     */
    public static Optional<WebOrigin> ofHeader(String value) {
        return parseStrict(value);
    }

    private static Optional<WebOrigin> parseStrict(String value) {
        return parse(value, false);
    }

    /** The origin of an absolute URL such as a {@code Referer} value; path, query and fragment ignored. */
    public static Optional<WebOrigin> ofUrl(String url) {
        return parse(url, true);
    }

    /** An origin from a scheme and a {@code host[:port]} authority, as in {@code Host} or {@code X-Forwarded-Host}. */
    public static Optional<WebOrigin> of(String scheme, String authority) {
        if (scheme == null || authority == null) {
            return Optional.empty();
        }
        String s = scheme.toLowerCase(Locale.ROOT);
        if (!s.equals("http") && !s.equals("https")) {
            return Optional.empty();
        }
        return ofAuthority(s, authority, -1);
    }

    /** An origin from parts a container reports ({@code getScheme}, {@code getServerName}, {@code getServerPort}). */
    public static Optional<WebOrigin> of(String scheme, String host, int port) {
        if (host == null || port < 1 || port > 65535) {
            return Optional.empty();
        }
        // A container reports an IPv6 server name without brackets.
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return of(scheme, h).map(o -> new WebOrigin(o.scheme(), o.host(), port));
    }

    /** The default port of {@code http} or {@code https}. */
    public static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }

    /** The serialised origin, as browsers send it: the port only when not the scheme's default. */
    @Override
    public String toString() {
        return port == defaultPort(scheme) ? scheme + "://" + host : scheme + "://" + host + ":" + port;
    }

    private static Optional<WebOrigin> parse(String value, boolean allowPath) {
        if (value == null || value.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int sep = value.indexOf("://");
        if (sep <= 0) {
            return Optional.empty();
        }
        String rest = value.substring(sep + 3);
        int end = rest.length();
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        if (!allowPath && end < rest.length()) {
            return Optional.empty();
        }
        return of(value.substring(0, sep), rest.substring(0, end));
    }

    private static Optional<WebOrigin> ofAuthority(String scheme, String authority, int fallbackPort) {
        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            host = authority.substring(0, close + 1);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (after.charAt(0) != ':') {
                    return Optional.empty();
                }
                portText = after.substring(1);
            }
            if (!validIpv6(host)) {
                return Optional.empty();
            }
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
            if (!validHost(host)) {
                return Optional.empty();
            }
        }
        int port = fallbackPort > 0 ? fallbackPort : defaultPort(scheme);
        if (portText != null) {
            if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            port = Integer.parseInt(portText);
            if (port < 1 || port > 65535) {
                return Optional.empty();
            }
        }
        return Optional.of(new WebOrigin(scheme, host.toLowerCase(Locale.ROOT), port));
    }

    private static boolean validHost(String host) {
        if (host.isEmpty() || host.length() > 253 || host.startsWith(".") || host.startsWith("-")) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean validIpv6(String bracketed) {
        String inner = bracketed.substring(1, bracketed.length() - 1);
        if (inner.isEmpty() || inner.indexOf(':') < 0) {
            return false;
        }
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
