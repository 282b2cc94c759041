package io.ssrguard.it;

import com.caoccao.javet.exceptions.JavetException;

/**
 * An external SSR server in miniature: runs the project's Node.js minter
 * ({@code filters-impl/src/test/node/mint-ssr-token.mjs}, the code docs/csrf.md gives
 * to Nuxt and Next servers) on {@link EmbeddedNode} and returns the SSR bypass token
 * it mints. Each container module tells where the script is with the system property
 * {@code it.nodeSsrMinter}.
 */
final class NodeSsrMinter {

    private NodeSsrMinter() {
    }

    /**
     * @param key       the deployment's CSRF key, base64
     * @param userAgent the User-Agent the token is bound to
     * @param sid       the login session the token is bound to, or {@code null} for none
     */
    static String mint(String key, String userAgent, String sid) {
        synchronized (EmbeddedNode.class) {
            try {
                return EmbeddedNode.module("it.nodeSsrMinter").invokeString("mintSsrToken", key, userAgent, sid);
            } catch (JavetException e) {
                throw new IllegalStateException("the Node.js minter failed: " + e.getMessage(), e);
            }
        }
    }
}
