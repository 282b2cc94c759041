package io.ssrguard.it;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One parsed {@code Set-Cookie} header, attributes kept for assertions. */
record SetCookie(String name, String value, Map<String, String> attributes) {

    static SetCookie parse(String header) {
        String[] parts = header.split(";");
        int eq = parts[0].indexOf('=');
        Map<String, String> attrs = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int e = p.indexOf('=');
            attrs.put((e < 0 ? p : p.substring(0, e)).toLowerCase(Locale.ROOT), e < 0 ? "" : p.substring(e + 1));
        }
        return new SetCookie(parts[0].substring(0, eq).trim(), parts[0].substring(eq + 1).trim(), attrs);
    }

    /** The Set-Cookie of the named cookie in a response; fails the test when absent. */
    static SetCookie of(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().map(SetCookie::parse)
                .filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no Set-Cookie for " + name + " in "
                        + response.headers().allValues("Set-Cookie")));
    }

    boolean has(String attribute) {
        return attributes.containsKey(attribute.toLowerCase(Locale.ROOT));
    }

    String attribute(String attribute) {
        return attributes.get(attribute.toLowerCase(Locale.ROOT));
    }

    boolean deletes() {
        return "0".equals(attribute("Max-Age"));
    }
}
