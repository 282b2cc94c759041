package io.ssrguard.auth;

/**
 * A sign-in attempt as sent by the client.
 *
 * @param username   the user name as typed
 * @param password   the password as typed
 * @param rememberMe whether the user asked to stay signed in
 * @param returnTo   a form's {@code returnTo} field as sent (unchecked), or {@code null}
 */
public record LoginRequest(String username, String password, boolean rememberMe, String returnTo) {

    /** An attempt without {@code returnTo}, as the JSON API sends it. */
    public LoginRequest(String username, String password, boolean rememberMe) {
        this(username, password, rememberMe, null);
    }

    @Override
    public String toString() {
        return "LoginRequest[username=" + username + ", rememberMe=" + rememberMe + "]";
    }
}
