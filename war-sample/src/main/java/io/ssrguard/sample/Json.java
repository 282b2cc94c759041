package io.ssrguard.sample;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes the sample's small JSON answers. */
final class Json {

    private Json() {
    }

    static void write(HttpServletResponse response, String json) throws IOException {
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(json);
    }

    /**
     * A JSON string literal that is also safe inside an inline {@code <script>}: besides
     * quotes, backslashes and control characters, {@code <}, {@code >}, {@code &} and {@code /}
     * are escaped (so {@code </script>} and {@code <!--} cannot end or derail the script),
     * and so are U+2028/U+2029, which end a line in older JavaScript. No string (an
     * anonymous caller's name, where the pack is switched off) is JSON's {@code null}.
     */
    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '<', '>', '&', '/', '\u2028', '\u2029' -> b.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
