package io.ssrguard.csp;

import java.util.List;

/**
 * One directive of a parsed policy, for example {@code script-src 'self' https://cdn.example}.
 *
 * @param name   the directive name, lower case
 * @param values its source expressions or tokens, in order; empty for
 *               directives without a value such as {@code upgrade-insecure-requests}
 */
public record CspDirective(String name, List<String> values) {

    public CspDirective {
        values = List.copyOf(values);
    }

    /** The directive as it appears in a header: the name, then the values separated by single spaces. */
    public String serialize() {
        return values.isEmpty() ? name : name + " " + String.join(" ", values);
    }
}
