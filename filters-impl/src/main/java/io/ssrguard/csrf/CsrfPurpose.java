package io.ssrguard.csrf;

/** What a token is for: the {@code p} field of the payload. */
public enum CsrfPurpose {

    /** Double-submit token of a browser: cookie plus {@code X-XSRF-TOKEN} header. */
    CLIENT("client"),

    /** Bypass token of a server-side renderer: {@code X-SSR-CSRF} header, no cookie. */
    SSR("ssr");

    private final String wire;

    CsrfPurpose(String wire) {
        this.wire = wire;
    }

    /** The value of {@code p} in the token payload. */
    public String wire() {
        return wire;
    }

    /** The purpose named by a payload's {@code p}, or {@code null} for anything else. */
    static CsrfPurpose fromWire(String p) {
        if (CLIENT.wire.equals(p)) {
            return CLIENT;
        }
        if (SSR.wire.equals(p)) {
            return SSR;
        }
        return null;
    }
}
