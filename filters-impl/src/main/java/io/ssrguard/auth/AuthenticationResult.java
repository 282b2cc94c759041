package io.ssrguard.auth;

/** What the credentials on a request amount to. */
public sealed interface AuthenticationResult {

    /** No credential was presented. */
    record Anonymous() implements AuthenticationResult {
    }

    /** A valid credential was presented. */
    record Authenticated(VerifiedAccessToken token) implements AuthenticationResult {
    }

    /** A credential was presented and failed verification; {@code reason} is for the log only. */
    record Rejected(String reason) implements AuthenticationResult {
    }
}
