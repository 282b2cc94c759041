package io.ssrguard.testing;

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

/**
 * An ES module run by Node.js inside the test JVM: Javet's embedded Node.js
 * (libnode, pinned by the build), so a test runs JavaScript written for Node
 * (its {@code node:crypto}, {@code Buffer}) on a machine without a {@code node}
 * binary. One instance is one Node.js runtime; calls are serialised because a
 * runtime belongs to one thread at a time.
 */
public final class EmbeddedNode implements AutoCloseable {

    private final NodeRuntime runtime;
    private final V8Module module;
    private final V8ValueObject exports;

    private EmbeddedNode(NodeRuntime runtime, V8Module module, V8ValueObject exports) {
        this.runtime = runtime;
        this.module = module;
        this.exports = exports;
    }

    /** Starts Node.js and evaluates {@code file} as an ES module; {@code node:} built-ins may be imported. */
    public static EmbeddedNode load(Path file) throws IOException, JavetException {
        String code = Files.readString(file);
        NodeRuntime runtime;
        try {
            runtime = V8Host.getNodeInstance().createV8Runtime();
        } catch (JavetException | RuntimeException | LinkageError e) {
            throw new IllegalStateException("the embedded Node.js (Javet) does not start on "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                    + "; the build brings its Linux x86_64 library: " + e, e);
        }
        try {
            runtime.setV8ModuleResolver(new JavetBuiltInModuleResolver());
            IV8Executor executor = runtime.getExecutor(code).setModule(true);
            // On the script origin, not through setResourceName, which in Node mode also changes the
            // process's working directory (that of the whole JVM) to the file's folder.
            executor.getV8ScriptOrigin().setResourceName(file.toAbsolutePath().toString());
            V8Module module = executor.compileV8Module();
            module.execute();
            return new EmbeddedNode(runtime, module, (V8ValueObject) module.getNamespace());
        } catch (JavetException | RuntimeException e) {
            runtime.close();
            throw new IllegalStateException("Node.js could not load " + file + ": " + e.getMessage(), e);
        }
    }

    /** Node's {@code process.version}, e.g. {@code v22.19.0}. */
    public synchronized String version() throws JavetException {
        return runtime.getExecutor("process.version").executeString();
    }

    /**
     * Calls an exported function with strings (or {@code null}) and returns its string result.
     *
     * @throws JavetException what the function threw (its message is the JavaScript error's)
     */
    public synchronized String call(String function, Object... arguments) throws JavetException {
        return exports.invokeString(function, arguments);
    }

    @Override
    public synchronized void close() throws JavetException {
        exports.close();
        module.close();
        // Javet then warns that the built-in modules it resolved (node:crypto, node:url) were "not
        // recycled"; its removeV8Modules fails on its own map (4.1.7), and closing the runtime frees them.
        runtime.close();
    }
}
