package io.ssrguard.auth;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Checks credentials against the container's realm with
 * {@link HttpServletRequest#login}, then learns the caller's groups by probing
 * the configured roles, since the Servlet API cannot list them. The container
 * login is undone at once: from then on the pack's cookie is the credential.
 */
public final class RealmCredentialCheck implements CredentialCheck {

    private static final Logger LOG = Logger.getLogger(RealmCredentialCheck.class.getName());

    private final Set<String> roles;

    public RealmCredentialCheck(Set<String> roles) {
        this.roles = Set.copyOf(roles);
    }

    @Override
    public Optional<Caller> check(HttpServletRequest request, String username, String password) {
        try {
            request.login(username, password);
        } catch (ServletException e) {
            return Optional.empty();
        }
        try {
            Set<String> groups = new LinkedHashSet<>();
            for (String role : roles) {
                if (request.isUserInRole(role)) {
                    groups.add(role);
                }
            }
            String name = request.getRemoteUser() != null ? request.getRemoteUser() : username;
            return Optional.of(new Caller(name, groups));
        } finally {
            try {
                request.logout();
            } catch (ServletException e) {
                LOG.fine(() -> "realm logout after sign-in failed: " + e.getMessage());
            }
        }
    }

    @Override
    public String toString() {
        return "container realm (roles probed: " + roles + ")";
    }
}
