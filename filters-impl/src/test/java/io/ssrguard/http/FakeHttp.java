package io.ssrguard.http;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one kit of hand-rolled Servlet API fakes for the unit tests of adapters
 * (filters, servlets, the mechanism): request, response, async context, servlet
 * context and configs, built on dynamic proxies. Only the methods the pack calls
 * are answered; anything else fails loudly instead of returning a silent default.
 */
public final class FakeHttp {

    private FakeHttp() {
    }

    /** A servlet context holding attributes only. */
    public static ServletContext context(Map<String, Object> attributes) {
        return (ServletContext) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "getContextPath" -> "";
                    case "log" -> null;
                    case "toString" -> "fake context";
                    default -> throw new UnsupportedOperationException("fake context: " + m.getName());
                });
    }

    /** The config of a filter named {@code name}, without init-params. */
    public static FilterConfig filterConfig(ServletContext context, String name) {
        return (FilterConfig) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                new Class<?>[] {FilterConfig.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getServletContext" -> context;
                    case "getFilterName" -> name;
                    case "getInitParameter" -> null;
                    case "getInitParameterNames" -> Collections.emptyEnumeration();
                    case "toString" -> "fake filter config " + name;
                    default -> throw new UnsupportedOperationException("fake filter config: " + m.getName());
                });
    }

    /** The config of a servlet named {@code name}, without init-params. */
    public static ServletConfig servletConfig(ServletContext context, String name) {
        return (ServletConfig) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                new Class<?>[] {ServletConfig.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getServletContext" -> context;
                    case "getServletName" -> name;
                    case "getInitParameter" -> null;
                    case "getInitParameterNames" -> Collections.emptyEnumeration();
                    case "toString" -> "fake servlet config " + name;
                    default -> throw new UnsupportedOperationException("fake servlet config: " + m.getName());
                });
    }

    /** An input stream over {@code bytes}, always ready (the pack's own {@link ByteArrayServletInputStream}). */
    public static ServletInputStream inputStream(byte[] bytes) {
        return new ByteArrayServletInputStream(bytes);
    }

    /** A request under construction. */
    public static final class Request {
        public String method = "GET";
        public String servletPath = "/";
        public String contextPath = "";
        public String pathInfo;
        public String scheme = "https";
        public String serverName = "shop.example.com";
        public int serverPort = 443;
        public String remoteAddr = "203.0.113.7";
        public final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        public final Map<String, String> cookies = new LinkedHashMap<>();
        public final Map<String, Object> attributes = new HashMap<>();
        public long contentLength = -1;
        public String contentType;
        public jakarta.servlet.ServletInputStream input;
        public boolean asyncSupported;
        /** What {@code startAsync} returned, once called. */
        public Async async;
        public byte[] body = new byte[0];
        /** Multipart parts by name, as the container's parser would return them. */
        public final Map<String, jakarta.servlet.http.Part> parts = new HashMap<>();
        /** What {@code getPart} throws, as a container does for a malformed body or a servlet without multipart config. */
        public Exception partsFailure;
        public int bodyReads;
        public String characterEncoding;
        /** Parameters as the container would have parsed them already. */
        public final Map<String, String[]> parameters = new HashMap<>();
        public jakarta.servlet.ServletContext context;
        public jakarta.servlet.DispatcherType dispatcherType = jakarta.servlet.DispatcherType.REQUEST;

        public Request method(String m) {
            method = m;
            return this;
        }

        public Request path(String p) {
            servletPath = p;
            return this;
        }

        public Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Request cookie(String name, String value) {
            cookies.put(name, value);
            return this;
        }

        /** The body with its {@code Content-Type} and {@code Content-Length}. */
        public Request body(String contentType, byte[] bytes) {
            body = bytes;
            header("Content-Type", contentType);
            return header("Content-Length", Integer.toString(bytes.length));
        }

        /** A POST of {@code text} (UTF-8) as {@code contentType}. */
        public Request post(String contentType, String text) {
            return method("POST").body(contentType, text.getBytes(StandardCharsets.UTF_8));
        }

        public Request attribute(String name, Object value) {
            attributes.put(name, value);
            return this;
        }

        /** A header as the client sent it; the cookies set with {@link #cookie} are the {@code Cookie} header. */
        private String header(String name) {
            if (name.equalsIgnoreCase("Cookie") && !cookies.isEmpty() && !headers.containsKey("Cookie")) {
                return cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(java.util.stream.Collectors.joining("; "));
            }
            return headers.get(name);
        }

        public HttpServletRequest build() {
            return (HttpServletRequest) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                        case "getMethod" -> method;
                        case "getDispatcherType" -> dispatcherType;
                        case "getServletPath" -> servletPath;
                        case "getContextPath" -> contextPath;
                        case "getPathInfo" -> pathInfo;
                        case "getRequestURI" -> servletPath + (pathInfo == null ? "" : pathInfo);
                        case "getScheme" -> scheme;
                        case "getServerName" -> serverName;
                        case "getServerPort" -> serverPort;
                        case "getRemoteAddr" -> remoteAddr;
                        case "getHeader" -> header((String) args[0]);
                        case "getHeaders" -> {
                            String value = header((String) args[0]);
                            yield Collections.enumeration(value == null ? List.of() : List.of(value));
                        }
                        case "getCookies" -> cookies.isEmpty() ? null : cookies.entrySet().stream()
                                .map(e -> new Cookie(e.getKey(), e.getValue())).toArray(Cookie[]::new);
                        case "getAttribute" -> attributes.get((String) args[0]);
                        case "getContentType" -> contentType != null ? contentType : headers.get("Content-Type");
                        case "getContentLengthLong" -> contentLength >= 0 ? contentLength
                                : headers.containsKey("Content-Length") ? Long.parseLong(headers.get("Content-Length")) : -1L;
                        case "getContentLength" -> contentLength >= 0 ? (int) contentLength
                                : headers.containsKey("Content-Length") ? Integer.parseInt(headers.get("Content-Length")) : -1;
                        case "getQueryString" -> null;
                        case "getParameterValues" -> parameters.get((String) args[0]);
                        case "getCharacterEncoding" -> characterEncoding;
                        case "setCharacterEncoding" -> {
                            characterEncoding = (String) args[0];
                            yield null;
                        }
                        case "getInputStream" -> {
                            bodyReads++;
                            if (input != null) {
                                yield input;
                            }
                            yield inputStream(body);
                        }
                        case "getPart" -> {
                            bodyReads++;
                            if (partsFailure != null) {
                                throw partsFailure;
                            }
                            yield parts.get((String) args[0]);
                        }
                        case "setAttribute" -> {
                            attributes.put((String) args[0], args[1]);
                            yield null;
                        }
                        case "isAsyncSupported" -> asyncSupported;
                        case "startAsync" -> {
                            if (!asyncSupported || async != null) {
                                throw new IllegalStateException("startAsync not allowed");
                            }
                            async = new Async();
                            yield async.build();
                        }
                        case "getServletContext" -> context;
                        case "getProtocol" -> "HTTP/1.1";
                        case "isSecure" -> "https".equals(scheme);
                        case "toString" -> "FakeRequest " + method + " " + servletPath;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException("fake request: " + m.getName());
                    });
        }
    }

    /** A recording {@code AsyncContext}: its timeout, listeners and whether it completed. */
    public static final class Async {
        public long timeout = -1;
        public final List<jakarta.servlet.AsyncListener> listeners = new ArrayList<>();
        public int completions;

        jakarta.servlet.AsyncContext build() {
            return (jakarta.servlet.AsyncContext) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[] {jakarta.servlet.AsyncContext.class}, (proxy, m, args) -> switch (m.getName()) {
                        case "setTimeout" -> {
                            timeout = (Long) args[0];
                            yield null;
                        }
                        case "addListener" -> {
                            listeners.add((jakarta.servlet.AsyncListener) args[0]);
                            yield null;
                        }
                        case "complete" -> {
                            completions++;
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException("fake async context: " + m.getName());
                    });
        }
    }

    /** A recording response. */
    public static final class Response {
        public int status = 200;
        public final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        public final ByteArrayOutputStream body = new ByteArrayOutputStream();
        public boolean committed;

        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }

        public List<String> headers(String name) {
            return headers.getOrDefault(name, List.of());
        }

        public String bodyText() {
            return body.toString(StandardCharsets.UTF_8);
        }

        public HttpServletResponse build() {
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }

                @Override
                public void write(int b) {
                    body.write(b);
                }
            };
            return (HttpServletResponse) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> switch (m.getName()) {
                        case "setStatus" -> {
                            status = (Integer) args[0];
                            yield null;
                        }
                        case "getStatus" -> status;
                        case "setHeader" -> {
                            headers.put((String) args[0], new ArrayList<>(List.of((String) args[1])));
                            yield null;
                        }
                        case "addHeader" -> {
                            headers.computeIfAbsent((String) args[0], k -> new ArrayList<>()).add((String) args[1]);
                            yield null;
                        }
                        case "getHeader" -> header((String) args[0]);
                        case "setContentType" -> {
                            headers.put("Content-Type", new ArrayList<>(List.of((String) args[0])));
                            yield null;
                        }
                        case "setContentLength" -> null;
                        case "getOutputStream" -> out;
                        case "sendRedirect" -> {
                            status = 302;
                            headers.put("Location", new ArrayList<>(List.of((String) args[0])));
                            committed = true;
                            yield null;
                        }
                        case "sendError" -> {
                            status = (Integer) args[0];
                            committed = true;
                            yield null;
                        }
                        case "flushBuffer" -> {
                            committed = true;
                            yield null;
                        }
                        case "isCommitted" -> committed;
                        case "toString" -> "FakeResponse " + status;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException("fake response: " + m.getName());
                    });
        }
    }
}
