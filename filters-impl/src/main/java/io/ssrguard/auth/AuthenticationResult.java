package io.ssrguard.auth;

import java.util.List;

/** What the credentials on a request amount to, and the cookies the response must carry because of it. */
public sealed interface AuthenticationResult {

    /** {@code Set-Cookie} values for the response: renewed or cleared session cookies, usually none. */
    List<String> setCookies();

    /** No credential was presented. */
    record Anonymous() implements AuthenticationResult {
        @Override
        public List<String> setCookies() {
            return List.of();
        }
    }

    /**
     * A valid credential was presented, or an expired one was renewed through the
     * refresh cookie, in which case {@code setCookies} stores the new session.
     */
    record Authenticated(VerifiedAccessToken token, List<String> setCookies) implements AuthenticationResult {
        public Authenticated {
            setCookies = List.copyOf(setCookies);
        }
    }

    /**
     * A credential was presented and failed; {@code reason} is for the log only.
     * {@code setCookies} clears a refresh cookie that can never work again.
     */
    record Rejected(String reason, List<String> setCookies) implements AuthenticationResult {
        public Rejected {
            setCookies = List.copyOf(setCookies);
        }
    }

    /**
     * An expired access cookie could not be renewed because the refresh-token store failed: the
     * request gets 503, since the credential may well be fine once the store is back.
     */
    record Unavailable(String detail) implements AuthenticationResult {
        @Override
        public List<String> setCookies() {
            return List.of();
        }
    }
}
