package io.ssrguard.config;

import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/** {@link Settings} backed by MicroProfile Config, so that {@code %profile.} keys apply. */
public final class MicroProfileSettings implements Settings {

    private final Config config;

    public MicroProfileSettings(Config config) {
        this.config = config;
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
