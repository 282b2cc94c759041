package io.ssrguard.auth;

/**
 * A sign-in attempt as sent by the client.
 *
 * @param username   the user name as typed
 * @param password   the password as typed
 * @param rememberMe whether the user asked to stay signed in
 */
public record LoginRequest(String username, String password, boolean rememberMe) {

    @Override
    public String toString() {
        return "LoginRequest[username=" + username + ", rememberMe=" + rememberMe + "]";
    }
}
