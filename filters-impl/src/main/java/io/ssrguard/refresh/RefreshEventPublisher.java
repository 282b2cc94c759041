package io.ssrguard.refresh;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes one log line per refresh security event (with a {@link FamilyRef}, never a
 * whole family id or token) and passes the event on (to
 * CDI's {@code Event.fire} where CDI exists). A failing listener is logged and
 * never breaks the sign-in or refresh that raised the event.
 */
public final class RefreshEventPublisher {

    private static final Logger LOG = Logger.getLogger(RefreshEventPublisher.class.getName());

    private final Consumer<? super RefreshSecurityEvent> listener;

    /** @param listener receives every event after it is logged; {@code e -> {}} for none */
    public RefreshEventPublisher(Consumer<? super RefreshSecurityEvent> listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Logs the event and passes it to the listener. */
    public void publish(RefreshSecurityEvent event) {
        log(event);
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a listener of " + event.getClass().getSimpleName() + " failed", e);
        }
    }

    private static void log(RefreshSecurityEvent event) {
        // Java 17 has no pattern matching in switch; the interface is sealed, so this list is complete.
        if (event instanceof RefreshFamilyStarted e) {
            LOG.fine(() -> "refresh family " + FamilyRef.of(e.familyId()) + " started for " + e.user()
                    + (e.rememberMe() ? " (remember-me)" : ""));
        } else if (event instanceof RefreshTokenRotated e) {
            LOG.fine(() -> "refresh family " + FamilyRef.of(e.familyId()) + " of " + e.user() + " rotated"
                    + (e.replayed() ? " (grace-window replay)" : ""));
        } else if (event instanceof RefreshTokenReuseDetected e) {
            LOG.warning(() -> "refresh token reuse detected: token hash " + e.hashPrefix() + "... of family "
                    + FamilyRef.of(e.familyId()) + " of " + e.user() + " was used at " + e.usedAt()
                    + " and presented again at " + e.at() + "; revoking the family");
        } else if (event instanceof RefreshFamilyRevoked e) {
            LOG.info(() -> "refresh family " + FamilyRef.of(e.familyId()) + " of " + e.user() + " revoked: "
                    + e.reason());
        }
    }
}
