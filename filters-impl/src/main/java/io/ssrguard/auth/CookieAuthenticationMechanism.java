package io.ssrguard.auth;

import io.ssrguard.SsrGuardRuntime;
import io.ssrguard.http.JsonResponses;
import io.ssrguard.refresh.RefreshStoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The Jakarta Security adapter (Payara, WildFly): turns the access cookie into
 * the container's caller principal and groups on every request. Activates by
 * being in the WAR; {@code ssrguard.auth.enabled=false} removes it.
 *
 * <p>A protected resource without a valid credential gets 401 here: answering
 * {@code doNothing()} would let the container send an empty 200.
 */
@ApplicationScoped
public class CookieAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(CookieAuthenticationMechanism.class.getName());

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        Optional<SsrGuardRuntime> runtime = SsrGuardRuntime.of(request.getServletContext());
        if (runtime.isEmpty()) {
            return anonymous(response, context);
        }
        // The container may answer (403, or our 401) before any filter runs: set the headers here too.
        runtime.get().applyHeaders(request, response);
        Optional<Caller> caller;
        try {
            caller = runtime.get().identify(request, response);
        } catch (RefreshStoreUnavailableException e) {
            return unavailable(request, response, e);
        }
        if (caller.isPresent()) {
            return context.notifyContainerAboutLogin(caller.get().name(), caller.get().groups());
        }
        return anonymous(response, context);
    }

    /** The session could not be renewed because the store failed: 503, the cookies stay for a retry. */
    private static AuthenticationStatus unavailable(HttpServletRequest request, HttpServletResponse response,
                                                    RefreshStoreUnavailableException e) {
        LOG.warning("SSR Guard: " + request.getRequestURI() + " answered 503, the session could not be renewed: "
                + e.getMessage());
        try {
            JsonResponses.unavailable(response);
        } catch (IOException io) {
            LOG.fine(() -> "could not write 503: " + io.getMessage());
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static AuthenticationStatus anonymous(HttpServletResponse response, HttpMessageContext context) {
        if (!context.isProtected()) {
            return context.doNothing();
        }
        try {
            JsonResponses.error(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized");
        } catch (IOException e) {
            LOG.fine(() -> "could not write 401: " + e.getMessage());
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
