package io.ssrguard.oidc;

import io.ssrguard.csp.TokenBucket;
import io.ssrguard.http.BadRequestException;
import io.ssrguard.http.EndpointServlet;
import io.ssrguard.http.JsonResponses;
import io.ssrguard.http.RequestBodies;
import io.ssrguard.http.UrlEncodedForm;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The back-channel logout endpoint ({@code ssrguard.oidc.backchannel-logout-path}):
 * the provider POSTs {@code logout_token=<JWT>} form-encoded (OpenID Connect
 * Back-Channel Logout 1.0, section 2.5) and gets, with {@code Cache-Control: no-store}:
 * 200 with an empty body when the token was valid (whether or not a session matched),
 * 400 {@code {"error":"invalid_request"}} when it was not (nothing ended), 503 with
 * {@code Retry-After} when the store or the provider's keys are unavailable (it retries),
 * 429 past the rate limit, 413/408 for a body too large or too slow.
 *
 * <p>It needs no CSRF token: its authority is the provider's signature on the token
 * in the body, not a cookie, and the CSRF filter exempts it only when the request
 * carries no cookie at all ({@link BackChannelCsrfExemption}).
 */
public final class BackChannelLogoutServlet extends EndpointServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(BackChannelLogoutServlet.class.getName());
    private static final String SECURITY_LOG = "SSR Guard security event: ";
    /** A logout token is about 1 KB; a form with one is never near this. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private final transient BackChannelLogout logout;
    private final transient TokenBucket bucket;
    private final Duration bodyTimeout;
    private final transient Endpoint endpoint;

    public BackChannelLogoutServlet(BackChannelLogout logout, TokenBucket bucket, Duration bodyTimeout) {
        super("back-channel logout");
        this.logout = logout;
        this.bucket = bucket;
        this.bodyTimeout = bodyTimeout;
        this.endpoint = Endpoint.of("POST", this::receive);
    }

    @Override
    protected Optional<Endpoint> endpoint(String servletPath) {
        return Optional.of(endpoint);
    }

    private void receive(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (!bucket.tryAcquire()) {
            LOG.warning(() -> "SSR Guard OIDC: back-channel logout rate limit reached; refused a request from "
                    + request.getRemoteAddr());
            response.setHeader("Retry-After", "10");
            JsonResponses.error(response, 429, "too_many_requests");
            return;
        }
        RequestBodies.read(request, response, MAX_BODY_BYTES, bodyTimeout,
                body -> answer(request, response, () -> logOut(request, response, body)));
    }

    private void logOut(HttpServletRequest request, HttpServletResponse response, byte[] body)
            throws IOException, BadRequestException {
        // Nothing is ended by a check that fails or blows up: logOut ends sessions only once the token passed.
        BackChannelLogout.Ended ended = logout.logOut(logoutToken(request.getContentType(), body));
        LOG.info(() -> SECURITY_LOG + "back-channel logout from the provider ended " + ended.revoked()
                + " session(s) (" + ended.matched() + " matched) from " + request.getRemoteAddr());
        response.setStatus(200);
        response.setContentLength(0);
    }

    /** The one {@code logout_token} field of a form-encoded body. */
    private static String logoutToken(String contentType, byte[] body) throws BadRequestException {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("application/x-www-form-urlencoded")) {
            throw new BadRequestException(400, "invalid_request", "Content-Type '" + type + "' instead of a form");
        }
        for (byte b : body) {
            if (b < 0x20) {
                throw new BadRequestException(400, "invalid_request", "body is not a URL-encoded form");
            }
        }
        Map<String, Object> form = UrlEncodedForm.parse(new String(body, StandardCharsets.US_ASCII),
                "back-channel logout form");
        if (!(form.get("logout_token") instanceof String token) || token.isEmpty()) {
            throw new BadRequestException(400, "invalid_request", "no logout_token in the form");
        }
        return token;
    }

    @Override
    protected void refuse(HttpServletRequest request, HttpServletResponse response, BadRequestException refused)
            throws IOException {
        if (refused.status() == 404 || refused.status() == 405) {
            super.refuse(request, response, refused);
            return;
        }
        // A body that is not the one-field form is, to the provider, one more invalid request.
        BadRequestException e = refused instanceof OidcRefusal ? refused
                : new OidcRefusal(400, "invalid_request", refused.getMessage());
        boolean clientFault = e.status() < 500;
        LOG.log(clientFault ? Level.INFO : Level.WARNING, () -> (clientFault ? SECURITY_LOG : "SSR Guard: ")
                + "back-channel logout refused with " + e.status() + " " + e.code() + ", nothing ended: "
                + e.getMessage() + " (from " + request.getRemoteAddr() + ")");
        if (e.status() == 503) {
            response.setHeader("Retry-After", Integer.toString(JsonResponses.RETRY_AFTER_SECONDS));
        }
        JsonResponses.error(response, e.status(), e.code());
    }
}
