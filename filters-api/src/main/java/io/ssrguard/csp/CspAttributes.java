package io.ssrguard.csp;

/**
 * Request attributes of the Content-Security-Policy feature, so that a JSP, a
 * JSF page or a servlet can use them without importing the implementation.
 */
public final class CspAttributes {

    /**
     * The nonce of this request (a {@code String}, base64, at least 128 random
     * bits), set before the application runs. The same value is in this
     * response's {@code Content-Security-Policy} header, so inline code the page
     * writes as {@code <script nonce="${requestScope['io.ssrguard.csp.nonce']}">}
     * runs and injected code does not. Absent when the feature is off.
     */
    public static final String NONCE = "io.ssrguard.csp.nonce";

    private CspAttributes() {
    }
}
