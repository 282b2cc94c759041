package io.ssrguard.csrf;

/**
 * Why an unsafe request was refused. Each reason is one log line; the client
 * only ever sees {@code {"error":"csrf"}}.
 */
public enum CsrfRejection {

    /** No token at all, or a cookie without its header (or the reverse). */
    MISSING,
    /** Fetch Metadata or a foreign {@code Origin}/{@code Referer} marks the request as cross-site. */
    CROSS_SITE,
    /** The CSRF cookie and the header differ. */
    COOKIE_HEADER_MISMATCH,
    /** A form carries the token both in the header and in its field, and the two differ. */
    FIELD_HEADER_MISMATCH,
    /** Malformed, oversized, tampered with, or encrypted under a key no longer accepted. */
    UNDECRYPTABLE,
    /** A client token where an SSR token is expected, or the reverse. */
    WRONG_PURPOSE,
    /** Older than its time to live, or issued implausibly far in the future. */
    EXPIRED,
    /** Minted for another User-Agent. */
    UA_MISMATCH,
    /** Bound to another login session than the caller's, or to none when the caller has one. */
    SESSION_MISMATCH;

    /** The reason as it appears in log lines: {@code ua_mismatch}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
