package io.ssrguard.config;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

/** {@link Settings} backed by MicroProfile Config, so that {@code %profile.} keys apply. */
public final class MicroProfileSettings implements Settings {

    private static final Logger LOG = Logger.getLogger(MicroProfileSettings.class.getName());

    private final Config config;

    public MicroProfileSettings(Config config) {
        this.config = config;
    }

    /**
     * The application's MicroProfile Config, when the container provides one or
     * the WAR bundles an implementation. Callers must first check that the API is
     * on the class path, since this class links against it.
     */
    public static Optional<Settings> of(ClassLoader classLoader) {
        try {
            return Optional.of(new MicroProfileSettings(ConfigProvider.getConfig(classLoader)));
        } catch (IllegalStateException | java.util.ServiceConfigurationError e) {
            // The API is there but no implementation is: fall back to web.xml parameters.
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> value(String name) {
        return config.getOptionalValue(name, String.class).map(String::trim).filter(v -> !v.isEmpty());
    }

    @Override
    public Optional<String> profile() {
        return value(SsrGuardProperties.PROFILE);
    }

    /**
     * The pack's names in every source MicroProfile Config reads, each as its source
     * writes it: properties files, system properties and the process environment
     * ({@code SSRGUARD_CSRF_ENABLED}) alike.
     */
    @Override
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        for (ConfigSource source : config.getConfigSources()) {
            Set<String> held;
            try {
                held = source.getPropertyNames();
            } catch (RuntimeException e) {
                // A source that cannot list its names (a remote one, say) still answers look-ups.
                LOG.fine(() -> "SSR Guard cannot list the names of config source " + source.getName() + ": " + e);
                continue;
            }
            // SmallRye lists an environment variable twice: as written and lower-cased with dots
            // (SSRGUARD_CSRF_KEY_FILE and ssrguard.csrf.key.file). Only the variable is a name
            // someone wrote; its echo would be refused although the variable is right.
            Set<String> variables = held.stream().filter(n -> n.indexOf('.') < 0)
                    .map(n -> n.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
            held.stream().filter(SettingNames::inNamespace)
                    .filter(n -> n.indexOf('.') < 0 || !variables.contains(SettingNames.envForm(n)))
                    .forEach(names::add);
        }
        return names;
    }
}
