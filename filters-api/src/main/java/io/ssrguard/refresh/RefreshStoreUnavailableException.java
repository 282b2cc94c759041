package io.ssrguard.refresh;

/**
 * The refresh-token store could not be reached or failed (database down, pool
 * exhausted, schema missing). Distinct from every verdict about a token: the
 * HTTP layer answers 503 and keeps the client's cookies, because the token may
 * well be valid once the store is back.
 */
public class RefreshStoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RefreshStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
