package io.ssrguard.auth;

import io.ssrguard.refresh.IssuedRefreshToken;
import io.ssrguard.refresh.RefreshCookies;
import io.ssrguard.refresh.RefreshFamily;
import io.ssrguard.refresh.RefreshStoreUnavailableException;
import io.ssrguard.refresh.RefreshTokenService;
import io.ssrguard.refresh.RotationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sign-in sessions as cookies: a sign-in starts a refresh family and issues its
 * first refresh token with an access token bound to it ({@code sid}); a refresh
 * rotates the refresh token and issues a new access token; a sign-out revokes
 * the family (or all of the user's). One place for the three, shared by the
 * endpoints and by the transparent refresh of the authentication adapters.
 */
public final class SignInSessions {

    /**
     * An issued session.
     *
     * @param access     the new access token and its claims
     * @param setCookies the {@code Set-Cookie} values that store it
     */
    public record IssuedSession(VerifiedAccessToken access, List<String> setCookies) {

        public IssuedSession {
            setCookies = List.copyOf(setCookies);
        }

        public Caller caller() {
            return access.caller();
        }

        public String sessionId() {
            return access.sessionId();
        }
    }

    /** What presenting a refresh cookie amounted to, for the HTTP layer. */
    public sealed interface RefreshOutcome {

        /** Rotated: new cookies for the same family. */
        record Refreshed(IssuedSession session) implements RefreshOutcome {
        }

        /** Refused (unknown, expired, revoked, reused): the cookies are cleared; {@code reason} is for the log. */
        record Refused(String reason, List<String> clearCookies) implements RefreshOutcome {
        }

        /** The store failed: 503, and the cookies stay, since the token may well be fine. */
        record Unavailable(String detail) implements RefreshOutcome {
        }
    }

    private final AccessTokenCodec codec;
    private final AccessCookies accessCookies;
    private final RefreshTokenService refresh;
    private final RefreshCookies refreshCookies;

    public SignInSessions(AccessTokenCodec codec, AccessCookies accessCookies, RefreshTokenService refresh,
                          RefreshCookies refreshCookies) {
        this.codec = codec;
        this.accessCookies = accessCookies;
        this.refresh = refresh;
        this.refreshCookies = refreshCookies;
    }

    /**
     * Starts a session for a caller whose credentials were just checked.
     *
     * @throws RefreshStoreUnavailableException when the store fails (answer 503)
     */
    public IssuedSession signIn(Caller caller, boolean rememberMe, String device) {
        return session(refresh.issue(caller, rememberMe, device));
    }

    /** Rotates a presented refresh token; never throws. */
    public RefreshOutcome refresh(String presented) {
        RotationResult result = refresh.rotate(presented);
        if (result instanceof RotationResult.Rotated rotated) {
            return new RefreshOutcome.Refreshed(session(rotated.issued()));
        }
        if (result instanceof RotationResult.StoreUnavailable unavailable) {
            return new RefreshOutcome.Unavailable(unavailable.detail());
        }
        String reason = result instanceof RotationResult.Invalid invalid ? invalid.reason().name().toLowerCase()
                : "reused";
        return new RefreshOutcome.Refused(reason, clearCookies());
    }

    /**
     * Ends the session the refresh cookie belongs to ({@code everywhere}: every
     * session of its user). The caller clears the browser's cookies with
     * {@link #clearCookies()} whatever the outcome.
     *
     * @throws RefreshStoreUnavailableException when the store fails: the family is still
     *         valid, so the client is told (503) rather than led to believe it signed out
     */
    public void signOut(String presentedRefresh, boolean everywhere) {
        if (presentedRefresh != null) {
            refresh.signOut(presentedRefresh, everywhere);
        }
    }

    /**
     * The session (refresh family id, the access token's {@code sid}) a presented refresh
     * token belongs to, if known.
     *
     * @throws RefreshStoreUnavailableException when the store fails
     */
    public Optional<String> sessionOf(String presentedRefresh) {
        return presentedRefresh == null ? Optional.empty()
                : refresh.familyOf(presentedRefresh).map(RefreshFamily::id);
    }

    /** {@code Set-Cookie} values that delete every session cookie. */
    public List<String> clearCookies() {
        List<String> cookies = new ArrayList<>(accessCookies.clear());
        cookies.add(refreshCookies.clear());
        return cookies;
    }

    private IssuedSession session(IssuedRefreshToken issued) {
        IssuedAccessToken access = codec.issueVerified(issued.caller(), issued.family().id());
        List<String> cookies = new ArrayList<>(accessCookies.set(access.token()));
        cookies.add(refreshCookies.set(issued));
        return new IssuedSession(access.claims(), cookies);
    }
}
