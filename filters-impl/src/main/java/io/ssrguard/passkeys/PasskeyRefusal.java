package io.ssrguard.passkeys;

import io.ssrguard.http.BadRequestException;

/**
 * A ceremony step refused: {@code status} and {@code code} go to the client as the pack's JSON
 * error, {@code getMessage()} only to the log (it never holds a key, a signature or a challenge).
 * Its own type because the endpoint does more with it than with other bad input: it clears the
 * challenge cookie, logs a security event and counts a refused sign-in against the address.
 */
public final class PasskeyRefusal extends BadRequestException {

    private static final long serialVersionUID = 1L;

    public PasskeyRefusal(int status, String code, String reason) {
        super(status, code, reason);
    }

    static PasskeyRefusal bad(String reason) {
        return new PasskeyRefusal(400, "invalid_passkey", reason);
    }
}
