package io.ssrguard.auth;

import java.util.Objects;
import java.util.Set;

/**
 * An authenticated caller: a user name and the groups the container maps to roles.
 *
 * @param name   the caller principal name ({@code sub}/{@code upn} of the access token)
 * @param groups the caller's groups ({@code groups} claim), never {@code null}
 */
public record Caller(String name, Set<String> groups) {

    public Caller {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }
}
