package io.ssrguard.csp;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough of the Servlet API to drive a filter or servlet in a unit test,
 * built on dynamic proxies: a method the code under test calls but the fake
 * does not know fails loudly instead of returning a silent default.
 */
final class ServletFakes {

    private ServletFakes() {
    }

    private interface Handler {
        Object handle(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Handler handler) {
        return (T) Proxy.newProxyInstance(ServletFakes.class.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            if (m.getName().equals("toString")) {
                return "fake " + type.getSimpleName();
            }
            return handler.handle(m.getName(), args);
        });
    }

    private static UnsupportedOperationException unknown(String method) {
        return new UnsupportedOperationException("fake does not implement " + method);
    }

    /** A servlet context holding attributes only. */
    static ServletContext context(Map<String, Object> attributes) {
        return proxy(ServletContext.class, (method, args) -> switch (method) {
            case "getAttribute" -> attributes.get((String) args[0]);
            case "setAttribute" -> attributes.put((String) args[0], args[1]);
            case "getContextPath" -> "";
            case "log" -> null;
            default -> throw unknown(method);
        });
    }

    static FilterConfig filterConfig(ServletContext context) {
        return proxy(FilterConfig.class, (method, args) -> switch (method) {
            case "getServletContext" -> context;
            case "getFilterName" -> "csp";
            default -> throw unknown(method);
        });
    }

    static ServletConfig servletConfig(ServletContext context) {
        return proxy(ServletConfig.class, (method, args) -> switch (method) {
            case "getServletContext" -> context;
            case "getServletName" -> "csp-report";
            case "getInitParameter" -> null;
            case "getInitParameterNames" -> java.util.Collections.emptyEnumeration();
            default -> throw unknown(method);
        });
    }

    /** A request with a method, optional body and attributes. */
    static final class Request {
        final Map<String, Object> attributes = new HashMap<>();
        String method = "GET";
        String servletPath = "/";
        final Map<String, String> headers = new HashMap<>();
        String contentType;
        byte[] body = new byte[0];
        long contentLength = -1;

        Request post(String type, String text) {
            method = "POST";
            contentType = type;
            body = text.getBytes(StandardCharsets.UTF_8);
            contentLength = body.length;
            return this;
        }

        HttpServletRequest proxy() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            ServletInputStream stream = new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return in.read();
                }
            };
            return ServletFakes.proxy(HttpServletRequest.class, (m, args) -> switch (m) {
                case "getMethod" -> method;
                case "getContentType" -> contentType;
                case "getContentLengthLong" -> contentLength;
                case "getContentLength" -> (int) contentLength;
                case "getInputStream" -> stream;
                case "getAttribute" -> attributes.get((String) args[0]);
                case "setAttribute" -> attributes.put((String) args[0], args[1]);
                case "getRemoteAddr" -> "192.0.2.1";
                case "getRequestURI" -> servletPath;
                case "getProtocol" -> "HTTP/1.1";
                case "getServletPath" -> servletPath;
                case "getPathInfo" -> null;
                case "getHeader" -> headers.get(((String) args[0]).toLowerCase());
                case "isAsyncSupported" -> false;
                default -> throw unknown(m);
            });
        }
    }

    /** A response that records headers, status and body. */
    static final class Response {
        final Map<String, List<String>> headers = new LinkedHashMap<>();
        int status = 200;
        String contentType;
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        List<String> header(String name) {
            return headers.getOrDefault(name.toLowerCase(), List.of());
        }

        String bodyText() {
            return body.toString(StandardCharsets.UTF_8);
        }

        HttpServletResponse proxy() {
            ServletOutputStream stream = new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void write(int b) {
                    body.write(b);
                }
            };
            return ServletFakes.proxy(HttpServletResponse.class, (m, args) -> switch (m) {
                case "setHeader" -> headers.put(((String) args[0]).toLowerCase(), new ArrayList<>(List.of((String) args[1])));
                case "addHeader" -> headers.computeIfAbsent(((String) args[0]).toLowerCase(), k -> new ArrayList<>())
                        .add((String) args[1]);
                case "getHeader" -> header((String) args[0]).stream().findFirst().orElse(null);
                case "sendError" -> {
                    status = (Integer) args[0];
                    yield null;
                }
                case "setStatus" -> {
                    status = (Integer) args[0];
                    yield null;
                }
                case "getStatus" -> status;
                case "setContentType" -> {
                    contentType = (String) args[0];
                    yield null;
                }
                case "setContentLength", "flushBuffer" -> null;
                case "getOutputStream" -> stream;
                case "isCommitted" -> false;
                default -> throw unknown(m);
            });
        }
    }
}
