package io.ssrguard.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An external SSR server in miniature: runs the project's Node.js minter
 * ({@code filters-impl/src/test/node/mint-ssr-token.mjs}, the code README gives
 * to Nuxt and Next servers) and returns the SSR bypass token it prints.
 * Each container module tells where the script is with the system property
 * {@code it.nodeSsrMinter}; {@code it.node} may name the Node.js
 * binary (default {@code node} on the PATH).
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
        String script = System.getProperty("it.nodeSsrMinter");
        if (script == null || !new File(script).isFile()) {
            throw new IllegalStateException("system property it.nodeSsrMinter must name mint-ssr-token.mjs, is: " + script);
        }
        List<String> command = new ArrayList<>(List.of(System.getProperty("it.node", "node"), script, key, userAgent));
        if (sid != null) {
            command.add(sid);
        }
        try {
            Process node = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!node.waitFor(30, TimeUnit.SECONDS)) {
                node.destroyForcibly();
                throw new IllegalStateException("node did not finish within 30 s");
            }
            if (node.exitValue() != 0 || out.isEmpty()) {
                throw new IllegalStateException("node exited with " + node.exitValue() + " and printed '" + out + "'");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run node (is Node.js installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
