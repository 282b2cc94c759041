package io.ssrguard.config;

import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the one implementation of an extension point that the application registered in
 * {@code META-INF/services/<interface name>} of its WAR ({@link ServiceLoader}, public
 * no-argument constructor). The key provider, the refresh-token store and the CSP policy
 * source are all found here, so the registration rule is the same for each.
 */
public final class ApplicationServices {

    private ApplicationServices() {
    }

    /**
     * @param type                   the extension point
     * @param applicationClassLoader the application's class loader (the WAR's classes and libraries)
     * @return the registered implementation, or empty when the application registered none
     * @throws SettingsException when more than one is registered (which one wins must not be left to
     *                           chance) or the registered class cannot be loaded or constructed
     */
    public static <T> Optional<T> one(Class<T> type, ClassLoader applicationClassLoader) {
        List<T> found;
        try {
            found = ServiceLoader.load(type, applicationClassLoader).stream().map(ServiceLoader.Provider::get).toList();
        } catch (ServiceConfigurationError e) {
            throw new SettingsException("META-INF/services/" + type.getName() + " names a class that cannot be"
                    + " loaded or constructed (it needs a public no-argument constructor): " + e.getMessage(), e);
        }
        if (found.size() > 1) {
            throw new SettingsException("more than one " + type.getName() + " is registered in"
                    + " META-INF/services: " + found.stream().map(p -> p.getClass().getName()).toList()
                    + "; keep exactly one");
        }
        return found.stream().findFirst();
    }
}
