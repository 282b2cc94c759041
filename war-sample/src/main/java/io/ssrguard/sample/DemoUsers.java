package io.ssrguard.sample;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sample's user table: two demo users with PBKDF2-hashed passwords.
 * A real application would read these from its database.
 */
public final class DemoUsers {

    private record User(PasswordHash password, Set<String> groups) {
    }

    private static final Map<String, User> USERS = Map.of(
            "alice", new User(PasswordHash.parse(
                    "pbkdf2-sha256$100000$0CO7QIOeEg1a07dylZ7tTw$6VCJ9oDk1ZZzppLu+DOP2BepUs1GNqnxFm1ehq/mI5o"),
                    Set.of("user")),
            "admin", new User(PasswordHash.parse(
                    "pbkdf2-sha256$100000$JLM5/Z5wOk49uj/A/6T3rg$Xbn/cqQcQZ5RntIOMQEbDoNDLAouBlioKJ9QvgWgXI8"),
                    Set.of("user", "admin")));

    /** Checked against unknown names too, so that timing does not tell which users exist. */
    private static final PasswordHash DUMMY = USERS.get("alice").password();

    private DemoUsers() {
    }

    /** The user's groups when the password matches; empty otherwise. */
    public static Optional<Set<String>> verify(String username, String password) {
        User user = USERS.get(username);
        boolean matches = (user == null ? DUMMY : user.password()).matches(password);
        return user != null && matches ? Optional.of(user.groups()) : Optional.empty();
    }
}
