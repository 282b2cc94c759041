package io.ssrguard.auth;

import io.ssrguard.http.PathPattern;
import java.util.Set;

/**
 * One access rule of the pack's {@code AuthFilter}: requests whose path matches
 * {@code pattern} need a signed-in caller with one of {@code roles}.
 *
 * @param pattern an exact path ({@code /api/admin}), a prefix ({@code /api/*}) or {@code /*}
 * @param roles   the roles that may pass; {@link #ANY_USER} alone means any signed-in caller
 */
public record PathConstraint(PathPattern pattern, Set<String> roles) {

    /** The role that stands for "any signed-in caller". */
    public static final String ANY_USER = "*";

    public PathConstraint {
        roles = Set.copyOf(roles);
    }

    /** Whether a context-relative path falls under this rule, the way servlet URL patterns match. */
    public boolean matches(String path) {
        return pattern.matches(path);
    }

    /** Whether a caller with these groups may pass. */
    public boolean allows(Set<String> groups) {
        if (roles.contains(ANY_USER)) {
            return true;
        }
        // A plain loop: this runs on every request to a constrained path.
        for (String role : roles) {
            if (groups.contains(role)) {
                return true;
            }
        }
        return false;
    }
}
