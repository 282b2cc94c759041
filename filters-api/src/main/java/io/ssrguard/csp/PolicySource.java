package io.ssrguard.csp;

/**
 * Where the Content-Security-Policy comes from: a configuration property, a
 * file, a database row or a headless CMS. The pack calls {@link #fetch} in the
 * background only (at start, then once per refresh interval), never on a
 * request, and validates whatever it returns before using it; a source
 * therefore only moves text and need not check it.
 *
 * <p>Implementations must be safe to call from one background thread at a time
 * and should bound their own waiting (timeouts), because a refresh that never
 * returns delays every later refresh.
 *
 * <p>The pack ships {@code config}, {@code file}, {@code http} and {@code jdbc}
 * sources, chosen by {@code ssrguard.csp.source}. To use your own, register the
 * class in {@code META-INF/services/io.ssrguard.csp.PolicySource} of the WAR (in
 * {@code WEB-INF/classes} or a jar in {@code WEB-INF/lib}; one line, the class name;
 * a public no-argument constructor). When CSP is on, the pack finds it with
 * {@link java.util.ServiceLoader} through the application's class loader at start,
 * names it in the start-up log and uses it instead of the built-in sources:
 * {@code ssrguard.csp.source} is then ignored, with a warning when set. More than
 * one registered source stops the deployment. The other CSP settings (refresh
 * interval, stale window, fallback policy, nonces, reports) apply as usual.
 */
public interface PolicySource {

    /**
     * Fetches the current policy text.
     *
     * @param knownVersion the {@link PolicyFetch.Loaded#version() version} of the
     *                     last policy this source returned and the pack accepted,
     *                     or {@code null}; a source that can tell cheaply that
     *                     nothing changed (an HTTP {@code ETag}, a file's
     *                     modification time) answers {@link PolicyFetch.NotModified}
     * @return the policy, or that the known version is still current
     * @throws PolicySourceException when the source cannot be read or holds no policy
     */
    PolicyFetch fetch(String knownVersion) throws PolicySourceException;

    /** Names the source for log lines, for example {@code http https://cms.example/csp}; never a secret. */
    String description();
}
