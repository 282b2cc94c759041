package io.ssrguard.keys;

import io.ssrguard.config.SettingsException;
import java.util.List;
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
        List<KeyProvider> found = ServiceLoader.load(KeyProvider.class, applicationClassLoader).stream()
                .map(ServiceLoader.Provider::get).toList();
        if (found.size() > 1) {
            throw new SettingsException("more than one " + KeyProvider.class.getName() + " is registered in"
                    + " META-INF/services: " + found.stream().map(p -> p.getClass().getName()).toList()
                    + "; keep exactly one");
        }
        found.forEach(p -> LOG.info("SSR Guard keys and secrets come from " + p.getClass().getName()
                + " where it supplies them, from configuration otherwise"));
        return found.stream().findFirst();
    }
}
