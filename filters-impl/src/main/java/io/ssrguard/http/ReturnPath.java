package io.ssrguard.http;

import java.util.Optional;

/**
 * Where a sign-in may send the browser back to: a path inside this
 * application, never another site (no open redirect). The path is relative to
 * the context path, like every path the pack is configured with: {@code /orders/42}
 * in an application at {@code /shop} returns to {@code /shop/orders/42}.
 */
public final class ReturnPath {

    /** Longest accepted value; the flow-state cookie must stay well under 4 KB. */
    public static final int MAX_LENGTH = 1024;

    private ReturnPath() {
    }

    /**
     * Accepts exactly one leading {@code /} followed by printable ASCII with no
     * backslash: so no scheme ({@code https://evil}), no scheme-relative URL
     * ({@code //evil}), no {@code /\evil} (browsers read a backslash as a slash),
     * no control characters or spaces (header splitting, and browsers strip tabs
     * and line breaks from URLs, which turns {@code /\t/evil} into {@code //evil}).
     * Query and fragment are kept.
     *
     * @return the value unchanged, or empty when it is not a safe path
     */
    public static Optional<String> parse(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH || value.charAt(0) != '/') {
            return Optional.empty();
        }
        if (value.length() > 1 && (value.charAt(1) == '/' || value.charAt(1) == '\\')) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '\\') {
                return Optional.empty();
            }
        }
        return Optional.of(value);
    }
}
