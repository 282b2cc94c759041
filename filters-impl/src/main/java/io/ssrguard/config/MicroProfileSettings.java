package io.ssrguard.config;

import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** {@link Settings} backed by MicroProfile Config, so that {@code %profile.} keys apply. */
public final class MicroProfileSettings implements Settings {

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
}
