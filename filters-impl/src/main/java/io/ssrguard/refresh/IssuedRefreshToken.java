package io.ssrguard.refresh;

import io.ssrguard.auth.Caller;
import java.time.Instant;
import java.util.Objects;

/**
 * A refresh token to hand to the client, with what the cookie and the access
 * token need.
 *
 * @param token     the plaintext token: goes into the refresh cookie and nowhere else
 * @param family    its family ({@code sid} of the access token, remember-me, caller)
 * @param expiresAt when the token stops being accepted if unused: the cookie's
 *                  {@code Max-Age} when {@link RefreshFamily#rememberMe()}, a session cookie otherwise
 */
public record IssuedRefreshToken(String token, RefreshFamily family, Instant expiresAt) {

    public IssuedRefreshToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** The caller to issue the access token for. */
    public Caller caller() {
        return family.caller();
    }

    /** Whether the refresh cookie is persistent. */
    public boolean rememberMe() {
        return family.rememberMe();
    }

    @Override
    public String toString() {
        // Records print every component; a token must never reach a log line.
        return "IssuedRefreshToken[hash=" + RefreshTokenFormat.prefix(RefreshTokenFormat.hash(token))
                + ", family=" + family.id() + ", expiresAt=" + expiresAt + "]";
    }
}
