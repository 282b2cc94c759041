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
