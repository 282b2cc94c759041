package io.ssrguard.auth;

import static io.ssrguard.config.SsrGuardProperties.AUTH_FORBIDDEN_PAGE;

import io.ssrguard.config.SettingsReader;
import io.ssrguard.http.BrowserNavigation;
import io.ssrguard.http.JsonResponses;
import io.ssrguard.http.SignInRedirect;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * How the pack refuses a request to a constrained resource, the same on every
 * container: without a caller, a browser navigation is sent to sign in with
 * {@code returnTo} (the gate's rule) and anything else gets
 * {@code 401 {"error":"unauthorized"}}; a caller without the role gets 403
 * through the container's error-page machinery, so that the pack's
 * {@link RefusalServlet} (declared as the 401 and 403 error page in the pack's
 * {@code web-fragment.xml}) writes the body wherever the 403 came from: the
 * container's own constraint check (Payara, WildFly) or {@link AuthFilter} (Tomcat).
 *
 * @param signIn        where navigations without a caller go (the gate's sign-in setting)
 * @param forbiddenPage the application's own page for navigations refused 403, if it names one
 */
public record AccessRefusals(SignInRedirect signIn, Optional<String> forbiddenPage) {

    /** The servlet-context attribute under which the pack publishes the instance. */
    public static final String ATTRIBUTE = AccessRefusals.class.getName();

    /** Reads {@code ssrguard.auth.forbidden-page}; throws {@code SettingsException} naming it when it is not a path. */
    public static AccessRefusals load(SettingsReader s, SignInRedirect signIn) {
        return new AccessRefusals(signIn, s.optional(AUTH_FORBIDDEN_PAGE).map(v -> s.path(AUTH_FORBIDDEN_PAGE, v)));
    }

    /** Where to send this request to sign in, when it is a browser navigation; empty for anything else. */
    public Optional<String> signInFor(HttpServletRequest request) {
        return BrowserNavigation.is(request) ? Optional.of(signIn.location(request)) : Optional.empty();
    }

    /** No caller on a constrained resource: a navigation is sent to sign in, anything else gets the JSON 401. */
    public void refuseAnonymous(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> location = signInFor(request);
        if (location.isPresent()) {
            SignInRedirect.send(response, location.get());
        } else {
            JsonResponses.error(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized");
        }
    }

    /**
     * A caller without the role: 403 the way the container sends its own, so that the same
     * error page writes the body on every container (and an application's own 403 error page
     * in its {@code web.xml} wins, there as everywhere).
     */
    public void refuseWithoutRole(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_FORBIDDEN);
    }
}
