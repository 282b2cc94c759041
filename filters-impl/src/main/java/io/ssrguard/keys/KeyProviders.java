package io.ssrguard.keys;

import io.ssrguard.config.ApplicationServices;
import io.ssrguard.config.SettingsException;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.logging.Logger;

/** Finds the application's own {@link KeyProvider}, registered with {@link ServiceLoader}, if it has one. */
public final class KeyProviders {

    private static final Logger LOG = Logger.getLogger(KeyProviders.class.getName());

    private KeyProviders() {
    }

    /**
     * @throws SettingsException when more than one is registered: which one wins must not be left to chance
     */
    public static Optional<KeyProvider> registeredIn(ClassLoader applicationClassLoader) {
        Optional<KeyProvider> found = ApplicationServices.one(KeyProvider.class, applicationClassLoader);
        found.ifPresent(p -> LOG.info("SSR Guard keys and secrets come from " + p.getClass().getName()
                + " where it supplies them, from configuration otherwise"));
        return found;
    }
}
