package io.ssrguard.csp;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A policy that passed {@link CspPolicyParser}: known directives, each once,
 * printable ASCII only. Headers are built from this form, never from the raw
 * text a source returned.
 *
 * @param directives the directives in their original order
 */
public record CspPolicy(List<CspDirective> directives) {

    public CspPolicy {
        directives = List.copyOf(directives);
    }

    /** The directive with this (lower-case) name, if the policy has it. */
    public Optional<CspDirective> directive(String name) {
        return directives.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** The policy as header text: directives joined by {@code "; "}. */
    public String serialize() {
        return directives.stream().map(CspDirective::serialize).collect(Collectors.joining("; "));
    }
}
