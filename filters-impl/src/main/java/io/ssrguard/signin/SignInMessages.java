package io.ssrguard.signin;

import java.util.Map;
import java.util.Optional;

/**
 * The words the sign-in page shows for the short error code in its {@code ?error=} parameter. The
 * code comes from the address bar, so anyone can put anything there: the page shows only words
 * from this table (a code it does not know gets the general sentence) and never the code itself.
 */
public final class SignInMessages {

    /** A form sign-in with a wrong user name or password (one code for both: no hint whether the user exists). */
    public static final String CREDENTIALS = "credentials";
    /** A form sign-in without a user name or password, or with unreadable ones. */
    public static final String INCOMPLETE = "incomplete";
    /** The refresh-token store (or another part the pack needs) is down. */
    public static final String UNAVAILABLE = "unavailable";

    static final String GENERAL = "Signing in did not complete. Please try again.";

    private static final String START_AGAIN = " Please start again.";

    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry(CREDENTIALS, "The user name or password is not right."),
            Map.entry(INCOMPLETE, "Please enter your user name and password."),
            Map.entry(UNAVAILABLE, "Signing in is not possible right now. Please try again in a moment."),
            // The OpenID Connect refusals (docs/oidc.md lists each with its status).
            Map.entry("invalid_flow", "This sign-in has expired or was already used (for example after going back"
                    + " a page)." + START_AGAIN),
            Map.entry("invalid_state", "This sign-in could not be matched to this browser." + START_AGAIN),
            Map.entry("invalid_callback", "The identity provider's answer was incomplete." + START_AGAIN),
            Map.entry("provider_refused", "The identity provider did not sign you in."),
            Map.entry("provider_session_ended", "You were signed out at the identity provider while signing in."
                    + START_AGAIN),
            Map.entry("provider_error", "The identity provider did not answer properly. Please try again later."),
            Map.entry("provider_unavailable", "The identity provider cannot be reached right now. Please try again"
                    + " in a moment."),
            Map.entry("code_rejected", "The identity provider did not confirm the sign-in." + START_AGAIN),
            Map.entry("invalid_id_token", "The identity provider's answer could not be verified." + START_AGAIN),
            Map.entry("invalid_issuer", "The answer came from another identity provider." + START_AGAIN),
            Map.entry("invalid_return_to", "The page to return to is not part of this site." + START_AGAIN));

    private SignInMessages() {
    }

    /**
     * @param code the {@code error} parameter as received, or {@code null}
     * @return the sentence to show: empty without a code, the general one for a code not in the table
     */
    public static Optional<String> forCode(String code) {
        if (code == null || code.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(WORDS.getOrDefault(code, GENERAL));
    }
}
