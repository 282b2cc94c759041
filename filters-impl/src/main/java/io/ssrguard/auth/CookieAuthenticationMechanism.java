package io.ssrguard.auth;

import io.ssrguard.headers.ResponseHeaders;
import io.ssrguard.http.JsonResponses;
import io.ssrguard.refresh.RefreshStoreUnavailableException;
import io.ssrguard.http.StartedComponents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The Jakarta Security adapter (Payara, WildFly): turns the access cookie into
 * the container's caller principal and groups on every request. Activates by
 * being in the WAR; {@code ssrguard.auth.enabled=false} removes it, and so does
 * {@code ssrguard.auth.adapter=filter}, which leaves authentication to {@link AuthFilter}.
 *
 * <p>A protected resource without a valid credential gets 401 here: answering
 * {@code doNothing()} would let the container send an empty 200. A browser
 * navigation to it is sent to sign in instead, exactly as the site gate does
 * ({@link AccessRefusals}). A caller without the role gets the container's 403,
 * whose body the pack's {@link RefusalServlet} writes.
 *
 * <p>Its collaborators are found once, on the first request (a CDI bean has no
 * filter {@code init}), and kept. When the pack did not start in the application
 * the mechanism refuses every request with 503 and logs why once: it must never
 * act as if every caller were anonymous, and on Payara it is the one part of the
 * pack still running, since Payara skips a filter whose {@code init} failed.
 */
@ApplicationScoped
public class CookieAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(CookieAuthenticationMechanism.class.getName());

    /** What the mechanism found at its first request; never changes afterwards. */
    private volatile Collaborators collaborators;

    /** For CDI: the collaborators are found in the servlet context on the first request. */
    public CookieAuthenticationMechanism() {
    }

    /** For tests: uses these collaborators. */
    public CookieAuthenticationMechanism(RequestAuthentication authentication, ResponseHeaders headers,
                                         AccessRefusals refusals) {
        this.collaborators = new Collaborators(Optional.of(authentication), Optional.of(headers), Optional.of(refusals));
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        Collaborators found = collaborators(request.getServletContext());
        if (!found.complete()) {
            return refuse(response);
        }
        // The container may answer (403, or our 401) before any filter runs: set the headers here too.
        found.headers().get().applyTo(request, response);
        Optional<Caller> caller;
        try {
            caller = found.authentication().get().identify(request, response);
        } catch (RefreshStoreUnavailableException e) {
            return unavailable(request, response, e);
        }
        if (caller.isPresent()) {
            return context.notifyContainerAboutLogin(caller.get().name(), caller.get().groups());
        }
        return anonymous(request, response, context, found.refusals().get());
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

    private Collaborators collaborators(ServletContext context) {
        Collaborators found = collaborators;
        if (found == null) {
            synchronized (this) {
                found = collaborators;
                if (found == null) {
                    found = new Collaborators(
                            StartedComponents.find(context, RequestAuthentication.ATTRIBUTE, RequestAuthentication.class),
                            StartedComponents.find(context, ResponseHeaders.ATTRIBUTE, ResponseHeaders.class),
                            StartedComponents.find(context, AccessRefusals.ATTRIBUTE, AccessRefusals.class));
                    if (!found.complete()) {
                        LOG.severe(StartedComponents.notStarted(getClass().getName())
                                + " Every request is answered 503.");
                    }
                    collaborators = found;
                }
            }
        }
        return found;
    }

    private static AuthenticationStatus refuse(HttpServletResponse response) {
        try {
            JsonResponses.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "unavailable");
        } catch (IOException e) {
            LOG.fine(() -> "could not write 503: " + e.getMessage());
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static AuthenticationStatus anonymous(HttpServletRequest request, HttpServletResponse response,
                                                  HttpMessageContext context, AccessRefusals refusals) {
        if (!context.isProtected()) {
            return context.doNothing();
        }
        Optional<String> signIn = refusals.signInFor(request);
        if (signIn.isPresent()) {
            // As the gate's redirect: no cache may keep it, the next visit may well be signed in.
            response.setHeader("Cache-Control", "no-store");
            return context.redirect(signIn.get());
        }
        try {
            JsonResponses.error(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized");
        } catch (IOException e) {
            LOG.fine(() -> "could not write 401: " + e.getMessage());
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /** The mechanism's collaborators; empty ones mean the pack did not start here. */
    private record Collaborators(Optional<RequestAuthentication> authentication, Optional<ResponseHeaders> headers,
                                 Optional<AccessRefusals> refusals) {
        boolean complete() {
            return authentication.isPresent() && headers.isPresent() && refusals.isPresent();
        }
    }
}
