package io.ssrguard.csrf;

/**
 * A CSRF check failed. The message is for the log and never holds a token.
 * Built without a stack trace: rejections can be frequent under attack and the
 * trace would say nothing the reason does not.
 */
public class CsrfRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final CsrfRejection reason;

    public CsrfRejectedException(CsrfRejection reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    /** The typed reason. */
    public CsrfRejection reason() {
        return reason;
    }
}
