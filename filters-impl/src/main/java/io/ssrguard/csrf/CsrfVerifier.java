package io.ssrguard.csrf;

import io.ssrguard.http.PresentedToken;
import io.ssrguard.keys.TokenLifetime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Decides whether a presented client or SSR token is good for a request,
 * given plain values: the token strings, the request's User-Agent and the
 * authenticated caller's session id. Container-free; the filter and the token
 * endpoint are its adapters.
 *
 * <p>Every failure is a {@link CsrfRejectedException} with a typed reason.
 * Cheap checks come first, so that garbage costs no decryption; a client
 * token seen and accepted before is not decrypted again ({@link OpenedClientTokens}).
 */
public final class CsrfVerifier {

    private final CsrfTokenCodec codec;
    private final TokenLifetime clientLifetime;
    private final TokenLifetime ssrLifetime;
    private final Clock clock;
    private final OpenedClientTokens opened = new OpenedClientTokens();

    /**
     * @param clientTtl how long a client token stays valid
     * @param ssrTtl    how long an SSR bypass token stays valid
     * @param clockSkew how far in the future {@code d} may lie (an SSR server's clock running ahead)
     */
    public CsrfVerifier(CsrfTokenCodec codec, Duration clientTtl, Duration ssrTtl, Duration clockSkew, Clock clock) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.clientLifetime = new TokenLifetime(clientTtl, clockSkew);
        this.ssrLifetime = new TokenLifetime(ssrTtl, clockSkew);
        this.clock = clock;
    }

    /**
     * Checks a double-submitted client token: cookie and header equal (in
     * constant time), decrypts, {@code p=client}, unexpired, same User-Agent,
     * and {@code sid} equal to the caller's (absent exactly when the caller is
     * anonymous).
     *
     * @param cookieValue      the CSRF cookie, or {@code null}
     * @param headerValue      the {@code X-XSRF-TOKEN} header, or {@code null}
     * @param userAgent        the request's User-Agent, or {@code null}
     * @param callerSessionId  the authenticated caller's {@code sid}, {@code null} for anonymous requests
     * @return the verified payload
     */
    public CsrfToken verifyClient(String cookieValue, String headerValue, String userAgent, String callerSessionId)
            throws CsrfRejectedException {
        boolean noCookie = cookieValue == null || cookieValue.isEmpty();
        boolean noHeader = headerValue == null || headerValue.isEmpty();
        if (noCookie || noHeader) {
            throw new CsrfRejectedException(CsrfRejection.MISSING, noCookie && noHeader ? "no CSRF cookie and no header"
                    : noCookie ? "header without CSRF cookie" : "CSRF cookie without header");
        }
        if (cookieValue.length() > CsrfTokenCodec.MAX_TOKEN_LENGTH || headerValue.length() > CsrfTokenCodec.MAX_TOKEN_LENGTH) {
            throw new CsrfRejectedException(CsrfRejection.UNDECRYPTABLE, "cookie or header over "
                    + CsrfTokenCodec.MAX_TOKEN_LENGTH + " characters");
        }
        if (!PresentedToken.constantTimeEquals(cookieValue, headerValue)) {
            throw new CsrfRejectedException(CsrfRejection.COOKIE_HEADER_MISMATCH, "header differs from the CSRF cookie");
        }
        // Only the decryption is remembered (see OpenedClientTokens); every other check below runs each time.
        PresentedToken key = new PresentedToken(headerValue);
        OpenedClientTokens.Opened hit = opened.get(key);
        CsrfToken token = hit != null ? hit.token() : codec.decode(headerValue);
        check(token, CsrfPurpose.CLIENT, clientLifetime, userAgent, hit != null && Objects.equals(hit.userAgent(), userAgent));
        if (!Objects.equals(token.sessionId(), callerSessionId)) {
            throw new CsrfRejectedException(CsrfRejection.SESSION_MISMATCH, describe(token.sessionId(), callerSessionId));
        }
        if (hit == null) {
            opened.put(key, token, userAgent);
        }
        return token;
    }

    /**
     * Checks an SSR bypass token: decrypts, {@code p=ssr}, unexpired (short
     * TTL), same User-Agent (the SSR server forwards the browser's), and, when
     * the token carries a {@code sid}, equal to the caller's.
     *
     * @param headerValue     the {@code X-SSR-CSRF} header, or {@code null}
     * @param userAgent       the request's User-Agent, or {@code null}
     * @param callerSessionId the authenticated caller's {@code sid}, {@code null} for anonymous requests
     * @return the verified payload
     */
    public CsrfToken verifySsr(String headerValue, String userAgent, String callerSessionId)
            throws CsrfRejectedException {
        CsrfToken token = codec.decode(headerValue);
        check(token, CsrfPurpose.SSR, ssrLifetime, userAgent, false);
        if (token.sessionId() != null && !token.sessionId().equals(callerSessionId)) {
            throw new CsrfRejectedException(CsrfRejection.SESSION_MISMATCH, describe(token.sessionId(), callerSessionId));
        }
        return token;
    }

    /** @param userAgentMatched the User-Agent is a string already known to match the token's hash */
    private void check(CsrfToken token, CsrfPurpose expected, TokenLifetime lifetime, String userAgent, boolean userAgentMatched)
            throws CsrfRejectedException {
        if (token.purpose() != expected) {
            throw new CsrfRejectedException(CsrfRejection.WRONG_PURPOSE, token.purpose().wire() + " token where a "
                    + expected.wire() + " token is needed");
        }
        Instant now = clock.instant();
        Instant issued = token.issuedAt();
        TokenLifetime.Verdict verdict = lifetime.judge(issued, now);
        if (verdict == TokenLifetime.Verdict.ISSUED_IN_THE_FUTURE) {
            throw new CsrfRejectedException(CsrfRejection.EXPIRED, expected.wire() + " token issued "
                    + Duration.between(now, issued).toSeconds() + " s in the future");
        }
        if (verdict == TokenLifetime.Verdict.EXPIRED) {
            throw new CsrfRejectedException(CsrfRejection.EXPIRED, expected.wire() + " token issued "
                    + Duration.between(issued, now).toSeconds() + " s ago, TTL " + lifetime.ttl().toSeconds() + " s");
        }
        if (!userAgentMatched && !token.userAgentHash().equals(CsrfTokenCodec.userAgentHash(userAgent))) {
            throw new CsrfRejectedException(CsrfRejection.UA_MISMATCH, expected.wire() + " token minted for another User-Agent");
        }
    }

    /** How many accepted client tokens are remembered (tests). */
    int openedClientTokens() {
        return opened.size();
    }

    /** Says which side has a session, never the session ids themselves (they are half a credential). */
    private static String describe(String tokenSid, String callerSid) {
        if (tokenSid == null) {
            return "anonymous token used by a signed-in caller";
        }
        if (callerSid == null) {
            return "session-bound token used by an anonymous caller";
        }
        return "token bound to another session than the caller's";
    }
}
