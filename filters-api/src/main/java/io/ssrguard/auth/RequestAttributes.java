package io.ssrguard.auth;

/**
 * Names of request attributes the pack sets for the application, so that a
 * servlet, JSP or JSF page can use them without importing the implementation.
 */
public final class RequestAttributes {

    /** The authenticated {@link Caller} of this request; absent for anonymous requests. */
    public static final String CALLER = "io.ssrguard.caller";

    /** The login session id ({@code sid}, the refresh family) of the authenticated caller. */
    public static final String SESSION_ID = "io.ssrguard.sid";

    private RequestAttributes() {
    }
}
