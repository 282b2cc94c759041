package io.ssrguard.refresh;

import io.ssrguard.config.SettingsSources;
import jakarta.enterprise.inject.spi.CDI;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Fires the pack's security events as CDI events where the container has CDI
 * (Payara, WildFly), so that an application can {@code @Observes} them; does
 * nothing elsewhere (Tomcat), where the log line is the event.
 */
public final class CdiEventSink {

    private static final Logger LOG = Logger.getLogger(CdiEventSink.class.getName());

    private CdiEventSink() {
    }

    /** A consumer that fires each refresh event through the application's CDI container, if there is one. */
    public static Consumer<RefreshSecurityEvent> forApplication(ClassLoader loader) {
        return forApplication(loader, RefreshSecurityEvent.class);
    }

    /** A consumer that fires each event of {@code type} through the application's CDI container, if there is one. */
    public static <T> Consumer<T> forApplication(ClassLoader loader, Class<T> type) {
        if (!SettingsSources.isPresent("jakarta.enterprise.inject.spi.CDI", loader)) {
            return event -> { };
        }
        return event -> fire(type, event);
    }

    private static <T> void fire(Class<T> type, T event) {
        try {
            CDI.current().getBeanManager().getEvent().select(type).fire(event);
        } catch (IllegalStateException e) {
            // No CDI container for this application after all (the API jar alone): the log line stands.
            LOG.finest(() -> "no CDI container to fire " + event.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
