package io.ssrguard.passkeys;

import java.time.Instant;

/**
 * A passkey's life, fired as a CDI event where the container has CDI (observe
 * {@code @Observes PasskeyEvent} or one of its records); on Tomcat the log line is the event.
 * Each carries the user and the credential id (a public value), never a key or a signature.
 */
public sealed interface PasskeyEvent {

    String username();

    String credentialId();

    Instant at();

    /** A signed-in user registered a passkey. */
    record Registered(String username, String credentialId, Instant at) implements PasskeyEvent {
    }

    /** Someone signed in with a passkey. */
    record Used(String username, String credentialId, Instant at) implements PasskeyEvent {
    }

    /** A user removed one of their passkeys. */
    record Removed(String username, String credentialId, Instant at) implements PasskeyEvent {
    }
}
