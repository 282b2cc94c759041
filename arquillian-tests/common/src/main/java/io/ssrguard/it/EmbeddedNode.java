package io.ssrguard.it;

import com.caoccao.javet.exceptions.JavetException;
import com.caoccao.javet.interop.NodeRuntime;
import com.caoccao.javet.interop.V8Host;
import com.caoccao.javet.interop.callback.JavetBuiltInModuleResolver;
import com.caoccao.javet.interop.executors.IV8Executor;
import com.caoccao.javet.values.reference.V8Module;
import com.caoccao.javet.values.reference.V8ValueFunction;
import com.caoccao.javet.values.reference.V8ValueObject;
import com.caoccao.javet.values.reference.V8ValuePromise;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Node.js inside the test JVM (Javet's libnode, pinned by the build), so the machine
 * needs no {@code node} binary: it runs the JavaScript the docs give to SSR servers
 * (Nuxt, Next), as those servers would. One runtime, started on first use; each
 * module is named by a system property the container modules set and loaded once.
 * Callers synchronise on this class: a Node runtime is single-threaded.
 */
final class EmbeddedNode {

    private static final Logger LOG = Logger.getLogger(EmbeddedNode.class.getName());
    private static final Map<String, V8ValueObject> MODULES = new HashMap<>();
    private static NodeRuntime node;

    private EmbeddedNode() {
    }

    /** The exports of the module the system property {@code property} names. */
    static synchronized V8ValueObject module(String property) throws JavetException {
        V8ValueObject exports = MODULES.get(property);
        if (exports == null) {
            Path script = script(property);
            IV8Executor executor = runtime().getExecutor(read(script)).setModule(true);
            // On the script origin: setResourceName would also move the JVM's working directory.
            executor.getV8ScriptOrigin().setResourceName(script.toAbsolutePath().toString());
            V8Module module = executor.compileV8Module();
            module.execute();
            exports = (V8ValueObject) module.getNamespace();
            MODULES.put(property, exports);
        }
        return exports;
    }

    /** Evaluates {@code code} in the runtime's global scope (test harness glue). */
    static synchronized void define(String code) throws JavetException {
        runtime().getExecutor(code).executeVoid();
    }

    /**
     * Calls the global async function {@code name} and runs Node's event loop until its
     * promise settles; its value as a string, or an exception with the reason it failed.
     */
    static synchronized String await(String name, Duration timeout, Object... args) throws JavetException {
        try (V8ValueFunction function = runtime().getGlobalObject().get(name);
                V8ValuePromise promise = function.call(null, args)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (promise.isPending()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Node.js promise did not settle within " + timeout);
                }
                node.await();
            }
            String value = promise.getResult().toString();
            if (promise.isRejected()) {
                throw new IllegalStateException("the Node.js code failed: " + value);
            }
            return value;
        }
    }

    private static NodeRuntime runtime() {
        if (node == null) {
            try {
                node = V8Host.getNodeInstance().createV8Runtime();
                node.setV8ModuleResolver(new JavetBuiltInModuleResolver());
                LOG.info("the docs' Node.js snippets run on embedded Node.js "
                        + node.getExecutor("process.version").executeString());
            } catch (JavetException | RuntimeException | LinkageError e) {
                throw new IllegalStateException("the embedded Node.js (Javet) does not start on "
                        + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                        + "; the build brings its Linux x86_64 library: " + e, e);
            }
        }
        return node;
    }

    private static Path script(String property) {
        String name = System.getProperty(property);
        if (name == null || !Files.isRegularFile(Path.of(name))) {
            throw new IllegalStateException("system property " + property + " must name a script, is: " + name);
        }
        return Path.of(name);
    }

    private static String read(Path script) {
        try {
            return Files.readString(script);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + script, e);
        }
    }
}
