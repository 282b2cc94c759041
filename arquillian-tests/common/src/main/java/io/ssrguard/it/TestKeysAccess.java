package io.ssrguard.it;

/** Lets container-specific test modules deploy with the same signing key as the shared tests. */
public final class TestKeysAccess {

    private TestKeysAccess() {
    }

    /** The deployment's signing key as one JWK (private part included). */
    public static String signingJwk() {
        return TestKeys.SIGNING.toJSONString();
    }
}
