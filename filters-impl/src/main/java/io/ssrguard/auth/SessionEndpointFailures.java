package io.ssrguard.auth;

import io.ssrguard.http.JsonResponses;
import io.ssrguard.refresh.RefreshStoreUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * The answers of the endpoints that start sessions (password and passkey sign-in, refresh) to
 * the two failures that are not the client's fault and not a bug: a lockout of the guessing
 * protection ({@code 429} with {@code Retry-After}) and an unavailable store ({@code 503} with
 * {@code Retry-After}). One rule, so that every way in answers them alike.
 */
public final class SessionEndpointFailures {

    private static final Logger LOG = Logger.getLogger(SessionEndpointFailures.class.getName());

    private SessionEndpointFailures() {
    }

    /** Answers {@code e} when it is one of the two; false leaves it to the caller (a bug: 500). */
    public static boolean answered(HttpServletRequest request, HttpServletResponse response, RuntimeException e)
            throws IOException {
        String path = request.getServletPath();
        if (e instanceof TooManyAttemptsException tooMany) {
            LOG.fine(() -> "refused " + request.getMethod() + " " + path + ": " + tooMany.getMessage());
            response.setHeader("Retry-After", Long.toString(tooMany.retryAfterSeconds()));
            JsonResponses.error(response, 429, "too_many_attempts");
            return true;
        }
        if (e instanceof RefreshStoreUnavailableException) {
            LOG.warning("SSR Guard: " + path + " answered 503, a store is unavailable: " + e.getMessage());
            JsonResponses.unavailable(response);
            return true;
        }
        return false;
    }
}
