package io.ssrguard.auth;

import java.util.Optional;
import java.util.function.Function;

/**
 * The container-free core of cookie authentication, shared by the Jakarta
 * Security mechanism and the plain-filter adapter: cookies in, a verdict out.
 */
public final class CookieAuthenticator {

    private static final AuthenticationResult ANONYMOUS = new AuthenticationResult.Anonymous();

    private final AccessCookies cookies;
    private final AccessTokenVerifier verifier;

    public CookieAuthenticator(AccessCookies cookies, AccessTokenVerifier verifier) {
        this.cookies = cookies;
        this.verifier = verifier;
    }

    /** @param cookieValue looks a cookie up by its wire name; returns {@code null} when absent */
    public AuthenticationResult authenticate(Function<String, String> cookieValue) {
        try {
            Optional<String> token = cookies.read(cookieValue);
            if (token.isEmpty()) {
                return ANONYMOUS;
            }
            return new AuthenticationResult.Authenticated(verifier.verify(token.get()));
        } catch (InvalidAccessTokenException e) {
            return new AuthenticationResult.Rejected(e.getMessage());
        }
    }
}
