package io.ssrguard.csp;

import io.ssrguard.http.LogSafe;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text form in which the {@code file} source, the {@code http} source (plain
 * text, or a JSON string field) and the {@code jdbc} source's one-column form
 * carry one policy or several:
 * <pre>
 * # lines starting with # are comments; blank lines are skipped
 * default-src 'self'; frame-ancestors 'none'
 * /embed/* default-src 'self'; frame-ancestors 'self'
 * /preview/page.html default-src 'self'; frame-ancestors https://cms.example
 * </pre>
 * A line starting with {@code /} is a path pattern, a space, and that pattern's
 * policy; the one other line is the policy for every other path. A single line
 * is a single policy, as before per-path policies existed. Only line feeds end a
 * line (a trailing CR is dropped), so a CR inside a line still reaches the policy
 * parser, which refuses it.
 *
 * <p>The document as a whole is refused (and the stale rules apply) when it has
 * no default policy or two; a bad pattern or policy on one line is refused alone,
 * later, by {@link CachingPolicy}.
 */
final class PolicyDocument {

    private PolicyDocument() {
    }

    /** The policies in {@code text}. */
    static PolicyFetch.Loaded parse(String text, String version) throws PolicySourceException {
        String body = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (body.indexOf('\n') < 0 && !body.strip().startsWith("/") && !body.strip().startsWith("#")) {
            // One line: a single policy, handed on exactly as the source holds it.
            return new PolicyFetch.Loaded(text, version);
        }
        String defaultPolicy = null;
        Map<String, String> paths = new LinkedHashMap<>();
        for (String raw : text.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.startsWith("/")) {
                int space = firstSpace(trimmed);
                String pattern = space < 0 ? trimmed : trimmed.substring(0, space);
                String policy = space < 0 ? "" : trimmed.substring(space + 1).strip();
                if (paths.put(pattern, policy) != null) {
                    throw new PolicySourceException("the policy document names the path pattern "
                            + printable(pattern) + " twice");
                }
            } else if (defaultPolicy == null) {
                defaultPolicy = line;
            } else {
                throw new PolicySourceException("the policy document has more than one line without a path pattern;"
                        + " the policy for every path is one line, each other line starts with its path pattern");
            }
        }
        if (defaultPolicy == null && paths.isEmpty()) {
            // Blank: the policy parser refuses it as an empty policy, as it always did.
            return new PolicyFetch.Loaded(text, version);
        }
        if (defaultPolicy == null) {
            throw new PolicySourceException(
                    "the policy document has no line for every other path (a line without a path pattern)");
        }
        return new PolicyFetch.Loaded(defaultPolicy, version, paths);
    }

    private static int firstSpace(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ' ' || line.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }

    private static String printable(String s) {
        return LogSafe.printable(s, 100);
    }
}
