package io.ssrguard.it;

import com.caoccao.javet.exceptions.JavetException;
import com.caoccao.javet.interop.NodeRuntime;
import com.caoccao.javet.interop.V8Host;
import com.caoccao.javet.interop.callback.JavetBuiltInModuleResolver;
import com.caoccao.javet.interop.executors.IV8Executor;
import com.caoccao.javet.values.reference.V8Module;
import com.caoccao.javet.values.reference.V8ValueObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * An external SSR server in miniature: runs the project's Node.js minter
 * ({@code filters-impl/src/test/node/mint-ssr-token.mjs}, the code docs/csrf.md gives
 * to Nuxt and Next servers) and returns the SSR bypass token it mints.
 * Each container module tells where the script is with the system property
 * {@code it.nodeSsrMinter}. Node.js runs inside the test JVM (Javet's
 * libnode, pinned by the build), so the machine needs no {@code node} binary;
 * it is started once, on first use.
 */
final class NodeSsrMinter {

    private static final Logger LOG = Logger.getLogger(NodeSsrMinter.class.getName());
    private static V8ValueObject exports;

    private NodeSsrMinter() {
    }

    /**
     * @param key       the deployment's CSRF key, base64
     * @param userAgent the User-Agent the token is bound to
     * @param sid       the login session the token is bound to, or {@code null} for none
     */
    static synchronized String mint(String key, String userAgent, String sid) {
        try {
            return minter().invokeString("mintSsrToken", key, userAgent, sid);
        } catch (JavetException e) {
            throw new IllegalStateException("the Node.js minter failed: " + e.getMessage(), e);
        }
    }

    private static V8ValueObject minter() throws JavetException {
        if (exports == null) {
            String script = System.getProperty("it.nodeSsrMinter");
            if (script == null || !Files.isRegularFile(Path.of(script))) {
                throw new IllegalStateException("system property it.nodeSsrMinter must name mint-ssr-token.mjs, is: "
                        + script);
            }
            String code;
            try {
                code = Files.readString(Path.of(script));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + script, e);
            }
            NodeRuntime node;
            try {
                node = V8Host.getNodeInstance().createV8Runtime();
            } catch (JavetException | RuntimeException | LinkageError e) {
                throw new IllegalStateException("the embedded Node.js (Javet) does not start on "
                        + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                        + "; the build brings its Linux x86_64 library: " + e, e);
            }
            node.setV8ModuleResolver(new JavetBuiltInModuleResolver());
            IV8Executor executor = node.getExecutor(code).setModule(true);
            // On the script origin: setResourceName would also move the JVM's working directory.
            executor.getV8ScriptOrigin().setResourceName(Path.of(script).toAbsolutePath().toString());
            V8Module module = executor.compileV8Module();
            module.execute();
            exports = (V8ValueObject) module.getNamespace();
            LOG.info("SSR tokens are minted by the README's snippet on embedded Node.js "
                    + node.getExecutor("process.version").executeString());
        }
        return exports;
    }
}
