package io.ssrguard.csrf;

import io.ssrguard.http.ByteArrayServletInputStream;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A URL-encoded form request whose body {@link FormFieldToken} has already read: the application
 * gets the same body again, raw ({@code getInputStream}, {@code getReader}) or as parameters
 * ({@code getParameter}: query string first, then body, as the Servlet specification orders them).
 * Parameters are decoded on first use with the request's character encoding at that moment, so an
 * application that sets one later still gets its charset; without one, ISO-8859-1, the Servlet default.
 * Pairs that are not valid URL encoding are skipped, as containers do.
 */
final class ReplayedFormRequest extends HttpServletRequestWrapper {

    private final byte[] body;
    private boolean bodyTaken;
    private Map<String, String[]> parameters;

    ReplayedFormRequest(HttpServletRequest request, byte[] body) {
        super(request);
        this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
        takeBody("getReader");
        return new ByteArrayServletInputStream(body);
    }

    @Override
    public BufferedReader getReader() throws UnsupportedEncodingException {
        takeBody("getInputStream");
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset()));
    }

    /** Like the container: the body is read once, through one of the two ways. */
    private void takeBody(String other) {
        if (bodyTaken) {
            throw new IllegalStateException("the body was already read (" + other + " or the other way)");
        }
        bodyTaken = true;
    }

    @Override
    public String getParameter(String name) {
        String[] values = parameters().get(name);
        return values == null ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return Collections.unmodifiableMap(parameters());
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(parameters().keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        String[] values = parameters().get(name);
        return values == null ? null : values.clone();
    }

    private Map<String, String[]> parameters() {
        if (parameters == null) {
            Map<String, List<String>> all = new LinkedHashMap<>();
            Charset charset = charset();
            // The query string is URL-encoded in UTF-8 by browsers and by Tomcat's, Undertow's and Grizzly's defaults.
            add(all, getQueryString(), StandardCharsets.UTF_8);
            add(all, new String(body, StandardCharsets.ISO_8859_1), charset);
            Map<String, String[]> done = new LinkedHashMap<>();
            all.forEach((k, v) -> done.put(k, v.toArray(String[]::new)));
            parameters = done;
        }
        return parameters;
    }

    private static void add(Map<String, List<String>> into, String encoded, Charset charset) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), charset);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), charset);
                into.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                // not URL encoding: skipped, as the containers skip it
            }
        }
    }

    private Charset charset() {
        String name = getCharacterEncoding();
        if (name == null) {
            return StandardCharsets.ISO_8859_1;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }
}
