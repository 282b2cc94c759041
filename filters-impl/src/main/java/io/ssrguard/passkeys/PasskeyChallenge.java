package io.ssrguard.passkeys;

import java.time.Instant;
import java.util.Objects;

/**
 * What a ceremony remembers between its options and its finish. Travels sealed in a short-lived
 * cookie ({@link PasskeyChallengeCodec}), not in an HTTP session, so any node can finish it.
 *
 * @param ceremony   which ceremony it belongs to; a registration challenge never signs anyone in
 * @param challenge  the random challenge the authenticator signs, base64url; also the id that makes it single-use
 * @param username   registration: the signed-in user; username-first sign-in: the name given; else {@code null}
 * @param userHandle registration: the user handle sent to the authenticator; else {@code null}
 * @param issuedAt   when the options were issued, for the lifetime
 */
public record PasskeyChallenge(Ceremony ceremony, String challenge, String username, String userHandle,
                               Instant issuedAt) {

    /** The two WebAuthn ceremonies. */
    public enum Ceremony {
        REGISTER, SIGN_IN
    }

    public PasskeyChallenge {
        Objects.requireNonNull(ceremony, "ceremony");
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(issuedAt, "issuedAt");
        if (ceremony == Ceremony.REGISTER && (username == null || userHandle == null)) {
            throw new IllegalArgumentException("a registration challenge needs a user and a user handle");
        }
    }

    @Override
    public String toString() {
        return "PasskeyChallenge[" + ceremony + ", " + challenge.substring(0, Math.min(8, challenge.length())) + "…]";
    }
}
