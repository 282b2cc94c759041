package io.ssrguard.tiers;

/** The features that can be switched per environment with {@code ssrguard.<name>.enabled}. */
public enum Feature {
    CSRF("csrf"),
    GATE("gate"),
    CSP("csp"),
    GUARD("guard"),
    HEADERS("headers"),
    /** The authentication mechanism, cookies, refresh and the login endpoints: on in every profile. */
    AUTH("auth"),
    /** OpenID Connect sign-in: off in every profile until switched on. */
    OIDC("oidc"),
    /** Passkey sign-in: off in every profile until switched on. */
    PASSKEYS("passkeys");

    private final String key;

    Feature(String key) {
        this.key = key;
    }

    /** The property that switches the feature, for example {@code ssrguard.csrf.enabled}. */
    public String enabledProperty() {
        return "ssrguard." + key + ".enabled";
    }

    public String key() {
        return key;
    }
}
