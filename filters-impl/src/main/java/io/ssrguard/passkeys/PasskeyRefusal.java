package io.ssrguard.passkeys;

/**
 * A ceremony step refused: {@code status} and {@code code} go to the client as the pack's JSON
 * error, {@code getMessage()} only to the log (it never holds a key, a signature or a challenge).
 */
public final class PasskeyRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public PasskeyRefusal(int status, String code, String reason) {
        super(reason, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    static PasskeyRefusal bad(String reason) {
        return new PasskeyRefusal(400, "invalid_passkey", reason);
    }
}
