package io.ssrguard.csp;

import java.util.Map;
import java.util.Objects;

/** The outcome of one successful {@link PolicySource#fetch}: new text, or "unchanged". */
public sealed interface PolicyFetch {

    /**
     * The source returned a policy, and maybe policies of their own for some paths.
     *
     * @param policy  the policy text as the source holds it (validated later by the pack); it covers
     *                every path without a policy of its own
     * @param version an opaque validator the source can recognise next time
     *                (an {@code ETag}, a modification time), or {@code null} when it has none
     * @param paths   policies for path patterns ({@code /embed/*} or an exact path), in the same form;
     *                the most specific pattern matching a request wins; each is validated on its own
     */
    record Loaded(String policy, String version, Map<String, String> paths) implements PolicyFetch {
        public Loaded {
            Objects.requireNonNull(policy, "policy");
            paths = Map.copyOf(paths);
        }

        /** A single policy for every path. */
        public Loaded(String policy, String version) {
            this(policy, version, Map.of());
        }
    }

    /** The version passed to {@link PolicySource#fetch} is still the current one. */
    record NotModified() implements PolicyFetch {
    }

    /** A loaded policy. */
    static PolicyFetch loaded(String policy, String version) {
        return new Loaded(policy, version);
    }

    /** A policy with policies of their own for some path patterns. */
    static PolicyFetch loaded(String policy, Map<String, String> paths, String version) {
        return new Loaded(policy, version, paths);
    }

    /** The known version is still current. */
    static PolicyFetch notModified() {
        return new NotModified();
    }
}
