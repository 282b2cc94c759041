package io.ssrguard.auth;

import static io.ssrguard.config.SsrGuardProperties.AUTH_CONSTRAINTS;

import io.ssrguard.config.SettingsException;
import io.ssrguard.http.PathPattern;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The access rules of {@code ssrguard.auth.constraints}, most specific first:
 * an exact path beats a prefix, a longer prefix beats a shorter one, as with
 * servlet security constraints.
 */
public final class PathConstraints {

    private final List<PathConstraint> rules;

    private PathConstraints(List<PathConstraint> rules) {
        this.rules = List.copyOf(rules);
    }

    public static PathConstraints none() {
        return new PathConstraints(List.of());
    }

    /** Parses {@code /api/admin=admin,/api/*=user|admin,/account/*=*}. */
    public static PathConstraints parse(List<String> entries) {
        List<PathConstraint> rules = new ArrayList<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new SettingsException(AUTH_CONSTRAINTS + " entry '" + entry + "' must be pattern=role|role");
            }
            PathPattern pattern = PathPattern.parse(entry.substring(0, eq).trim(), AUTH_CONSTRAINTS);
            Set<String> roles = new LinkedHashSet<>();
            Arrays.stream(entry.substring(eq + 1).split("\\|")).map(String::trim).filter(r -> !r.isEmpty())
                    .forEach(roles::add);
            if (roles.isEmpty()) {
                throw new SettingsException(AUTH_CONSTRAINTS + " entry '" + entry + "' names no role");
            }
            rules.add(new PathConstraint(pattern, roles));
        }
        rules.sort(Comparator.comparing((PathConstraint r) -> r.pattern().isPrefix())
                .thenComparing(r -> -r.pattern().pattern().length()));
        return new PathConstraints(rules);
    }

    /** The rule that governs a context-relative path, if any. */
    public Optional<PathConstraint> governing(String path) {
        for (PathConstraint rule : rules) {
            if (rule.matches(path)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /** Every role the rules name, except the any-user marker. */
    public Set<String> roles() {
        Set<String> roles = new LinkedHashSet<>();
        rules.forEach(r -> roles.addAll(r.roles()));
        roles.remove(PathConstraint.ANY_USER);
        return roles;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }
}
