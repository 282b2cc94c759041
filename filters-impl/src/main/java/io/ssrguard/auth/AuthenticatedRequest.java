package io.ssrguard.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/**
 * The request as the application sees it once the pack's filter has
 * authenticated the caller on a container without Jakarta Security:
 * {@code getUserPrincipal}, {@code getRemoteUser} and {@code isUserInRole}
 * answer from the verified access token.
 */
public final class AuthenticatedRequest extends HttpServletRequestWrapper {

    /** What {@link #getAuthType()} answers. */
    public static final String AUTH_TYPE = "SSRGUARD";

    private final Caller caller;
    private final Principal principal;

    public AuthenticatedRequest(HttpServletRequest request, Caller caller) {
        super(request);
        this.caller = caller;
        this.principal = new CallerPrincipal(caller.name());
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public String getRemoteUser() {
        return caller.name();
    }

    @Override
    public boolean isUserInRole(String role) {
        // "**" is the Servlet spec's "any authenticated user" role.
        return "**".equals(role) || caller.groups().contains(role);
    }

    @Override
    public String getAuthType() {
        return AUTH_TYPE;
    }

    /** The caller's name as a {@link Principal}. */
    record CallerPrincipal(String getName) implements Principal {
    }
}
