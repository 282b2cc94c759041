package io.ssrguard.passkeys;

import java.util.List;

/**
 * Where the passkey endpoints live: beside the pack's other sign-in endpoints, under
 * {@value #BASE}. Fixed, like the ceremony's JSON: a page script calls them by these names.
 */
public final class PasskeyPaths {

    public static final String BASE = "/auth/passkeys";
    /** GET: the signed-in user's passkeys. */
    public static final String LIST = BASE;
    /** POST: registration options for the signed-in user. */
    public static final String REGISTER_OPTIONS = BASE + "/register-options";
    /** POST: finish a registration. */
    public static final String REGISTER = BASE + "/register";
    /** POST {@code {"id": ...}}: remove one of the signed-in user's passkeys. */
    public static final String REMOVE = BASE + "/remove";
    /** POST {@code {}} or {@code {"username": ...}}: sign-in options. */
    public static final String SIGN_IN_OPTIONS = BASE + "/sign-in-options";
    /** POST: finish a sign-in; answers the session cookies. */
    public static final String SIGN_IN = BASE + "/sign-in";

    /** The ceremonies' steps, options and finish: what the per-address request limit counts. */
    public static final List<String> CEREMONY = List.of(REGISTER_OPTIONS, REGISTER, SIGN_IN_OPTIONS, SIGN_IN);

    /** Every path; all are the pack's, and every POST among them is CSRF-checked. */
    public static final List<String> ALL = List.of(LIST, REGISTER_OPTIONS, REGISTER, REMOVE, SIGN_IN_OPTIONS, SIGN_IN);

    private PasskeyPaths() {
    }
}
