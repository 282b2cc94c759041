package io.ssrguard.csp;

import java.util.Objects;

/** The outcome of one successful {@link PolicySource#fetch}: new text, or "unchanged". */
public sealed interface PolicyFetch {

    /**
     * The source returned a policy.
     *
     * @param policy  the policy text as the source holds it (validated later by the pack)
     * @param version an opaque validator the source can recognise next time
     *                (an {@code ETag}, a modification time), or {@code null} when it has none
     */
    record Loaded(String policy, String version) implements PolicyFetch {
        public Loaded {
            Objects.requireNonNull(policy, "policy");
        }
    }

    /** The version passed to {@link PolicySource#fetch} is still the current one. */
    record NotModified() implements PolicyFetch {
    }

    /** A loaded policy. */
    static PolicyFetch loaded(String policy, String version) {
        return new Loaded(policy, version);
    }

    /** The known version is still current. */
    static PolicyFetch notModified() {
        return new NotModified();
    }
}
