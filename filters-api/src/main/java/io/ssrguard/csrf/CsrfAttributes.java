package io.ssrguard.csrf;

/**
 * Names of request attributes through which server-rendered pages and
 * in-process renderers obtain CSRF and SSR bypass tokens, without importing
 * the implementation.
 */
public final class CsrfAttributes {

    /**
     * The {@link CsrfTokens} of this request, set by {@code CsrfFilter} on every
     * request it sees. In a JSP or Facelets page:
     * {@code ${requestScope['io.ssrguard.csrf.tokens'].clientToken}}; in a plain HTML form, a hidden
     * field named {@code ${requestScope['io.ssrguard.csrf.tokens'].fieldName}} with that value.
     */
    public static final String TOKENS = "io.ssrguard.csrf.tokens";

    private CsrfAttributes() {
    }
}
