package io.ssrguard.http;

import static io.ssrguard.config.SsrGuardProperties.PROXY_TRUSTED;
import static io.ssrguard.config.SsrGuardProperties.PUBLIC_ORIGINS;

import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Answers "what is this site's origin, as the browser sees it?" for the
 * decisions that depend on it (CSRF origin checks, whether HSTS is sent, the
 * OpenID Connect redirect URI), in this order:
 * <ol>
 *   <li>the configured public origins ({@code ssrguard.public-origins}), if set;</li>
 *   <li>else {@code Forwarded}, or {@code X-Forwarded-Host}/{@code -Proto}/{@code -Port},
 *       but only when the immediate peer is in {@code ssrguard.proxy.trusted};</li>
 *   <li>else the request's own scheme, host and port.</li>
 * </ol>
 * Forwarded headers from any other peer are ignored: a client can write them.
 * Of a comma-separated list, the right-most entry counts, because that is the
 * one the trusted peer itself wrote; earlier entries may come from the client.
 * A chain of several proxies should therefore set {@code ssrguard.public-origins}.
 */
public final class OriginResolver {

    private final List<WebOrigin> publicOrigins;
    private final List<AddressRange> trustedProxies;

    /**
     * @param publicOrigins  the site's public origins; when not empty, they are the answer for every request
     * @param trustedProxies peers whose forwarded headers are believed
     */
    public OriginResolver(List<WebOrigin> publicOrigins, List<AddressRange> trustedProxies) {
        this.publicOrigins = List.copyOf(publicOrigins);
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /** Reads {@code ssrguard.public-origins} and {@code ssrguard.proxy.trusted}; fails naming the bad one. */
    public static OriginResolver load(SettingsReader settings) {
        List<WebOrigin> origins = new ArrayList<>();
        for (String v : settings.list(PUBLIC_ORIGINS, List.of())) {
            origins.add(WebOrigin.parse(v).orElseThrow(() -> new SettingsException(PUBLIC_ORIGINS
                    + " must list origins such as https://shop.example.com (scheme, host, optional port, no path),"
                    + " not '" + v + "'")));
        }
        List<AddressRange> proxies = new ArrayList<>();
        for (String v : settings.list(PROXY_TRUSTED, List.of())) {
            proxies.add(AddressRange.parse(v).orElseThrow(() -> new SettingsException(PROXY_TRUSTED
                    + " must list IP addresses or CIDR ranges such as 10.0.0.0/8 (no host names), not '" + v + "'")));
        }
        return new OriginResolver(origins, proxies);
    }

    /** The origins of this site for a servlet request; see {@link #resolve}. */
    public List<WebOrigin> origins(HttpServletRequest request) {
        if (!publicOrigins.isEmpty()) {
            return publicOrigins;
        }
        return resolve(request.getRemoteAddr(), request.getScheme(), request.getServerName(), request.getServerPort(),
                request::getHeader);
    }

    /**
     * Whether the browser loaded this request over HTTPS, by the same rules as {@link #origins}: the
     * first configured public origin's scheme, else a trusted proxy's forwarded scheme, else the
     * request's own. Not {@code isSecure()} alone: behind a proxy that terminates TLS the container
     * sees plain HTTP while the browser is on HTTPS. When no origin can be told, the container's
     * {@code isSecure()} decides.
     */
    public boolean servedOverHttps(HttpServletRequest request) {
        List<WebOrigin> site = origins(request);
        return site.isEmpty() ? request.isSecure() : "https".equals(site.get(0).scheme());
    }

    /**
     * The origins of this site for one request.
     *
     * @param peerAddress the immediate peer's literal IP address
     * @param scheme      the scheme the container received
     * @param serverName  the host the container received
     * @param serverPort  the port the container received
     * @param header      looks up a request header by name; returns {@code null} when absent
     * @return one or more origins, never empty unless the request's own parts are unusable
     */
    public List<WebOrigin> resolve(String peerAddress, String scheme, String serverName, int serverPort,
                                   UnaryOperator<String> header) {
        if (!publicOrigins.isEmpty()) {
            return publicOrigins;
        }
        if (trusted(peerAddress)) {
            Optional<WebOrigin> forwarded = forwarded(header, scheme, serverName);
            if (forwarded.isPresent()) {
                return List.of(forwarded.get());
            }
        }
        return WebOrigin.of(scheme, serverName, serverPort).map(List::of).orElse(List.of());
    }

    /** The client's address for a servlet request; see {@link #clientAddress(String, UnaryOperator)}. */
    public String clientAddress(HttpServletRequest request) {
        return clientAddress(request.getRemoteAddr(), request::getHeader);
    }

    /**
     * The client's address: the peer's, or, when the peer is a trusted proxy, the right-most
     * hop of {@code Forwarded}'s {@code for=} (else {@code X-Forwarded-For}) that is not a
     * trusted proxy itself. Right to left, because each proxy appends the address it saw:
     * what stands left of the first trusted proxy's entry is whatever the client claimed.
     *
     * @param peerAddress the immediate peer's literal IP address
     * @param header      looks up a request header by name; returns {@code null} when absent
     */
    public String clientAddress(String peerAddress, UnaryOperator<String> header) {
        if (!trusted(peerAddress)) {
            return peerAddress;
        }
        String rfc7239 = header.apply("Forwarded");
        List<String> hops = new java.util.ArrayList<>();
        if (rfc7239 != null && !rfc7239.isBlank()) {
            for (String element : rfc7239.split(",")) {
                hops.add(hostOnly(parameter(element, "for")));
            }
        } else {
            String xff = header.apply("X-Forwarded-For");
            if (xff != null) {
                for (String hop : xff.split(",")) {
                    hops.add(hostOnly(hop.trim()));
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (hop == null || !trusted(hop)) {
                // An unusable hop ("unknown", an obfuscated name) is still the client's, not the proxy's.
                return hop == null ? "unknown" : hop;
            }
        }
        return hops.isEmpty() ? peerAddress : hops.get(0);
    }

    /** An address without its port or IPv6 brackets ({@code [2001:db8::1]:4711}, {@code 192.0.2.1:80}). */
    private static String hostOnly(String hop) {
        if (hop == null || hop.isEmpty()) {
            return null;
        }
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end > 1 ? hop.substring(1, end) : null;
        }
        int colon = hop.indexOf(':');
        return colon >= 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }

    /** Whether forwarded headers from this peer are believed. */
    public boolean trusted(String peerAddress) {
        if (trustedProxies.isEmpty() || peerAddress == null) {
            return false;
        }
        for (AddressRange r : trustedProxies) {
            if (r.contains(peerAddress)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<WebOrigin> forwarded(UnaryOperator<String> header, String ownScheme, String ownHost) {
        String rfc7239 = header.apply("Forwarded");
        String proto;
        String host;
        String port = null;
        if (rfc7239 != null && !rfc7239.isBlank()) {
            String element = lastItem(rfc7239);
            proto = parameter(element, "proto");
            host = parameter(element, "host");
        } else {
            proto = lastItem(header.apply("X-Forwarded-Proto"));
            host = lastItem(header.apply("X-Forwarded-Host"));
            port = lastItem(header.apply("X-Forwarded-Port"));
        }
        if (proto == null && host == null) {
            return Optional.empty();
        }
        String scheme = proto != null ? proto.toLowerCase(Locale.ROOT) : ownScheme;
        Optional<WebOrigin> origin = WebOrigin.of(scheme, host != null ? host : bracketed(ownHost));
        if (origin.isPresent() && port != null && (host == null || !hasPort(host))) {
            try {
                int p = Integer.parseInt(port);
                return WebOrigin.of(origin.get().scheme(), origin.get().host(), p);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return origin;
    }

    /** The right-most comma-separated item, trimmed; {@code null} when none. */
    private static String lastItem(String value) {
        if (value == null) {
            return null;
        }
        String item = value.substring(value.lastIndexOf(',') + 1).trim();
        return item.isEmpty() ? null : item;
    }

    /** A parameter of one RFC 7239 element ({@code for=...;proto=https;host="a.example"}), unquoted. */
    private static String parameter(String element, String name) {
        if (element == null) {
            return null;
        }
        for (String pair : element.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String v = pair.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    private static boolean hasPort(String authority) {
        int bracket = authority.lastIndexOf(']');
        return authority.indexOf(':', bracket + 1) >= 0;
    }

    private static String bracketed(String host) {
        return host != null && host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
