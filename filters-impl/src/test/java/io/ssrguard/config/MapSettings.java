package io.ssrguard.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Settings from a map, for tests. */
public final class MapSettings implements Settings {

    private final Map<String, String> values = new HashMap<>();

    public static MapSettings profile(String profile) {
        MapSettings s = new MapSettings();
        if (profile != null) {
            s.values.put(SsrGuardProperties.PROFILE, profile);
        }
        return s;
    }

    public MapSettings with(String name, String value) {
        values.put(name, value);
        return this;
    }

    public SettingsReader reader() {
        return new SettingsReader(this);
    }

    @Override
    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    @Override
    public Optional<String> profile() {
        return value(SsrGuardProperties.PROFILE);
    }

    @Override
    public Set<String> names() {
        return Set.copyOf(values.keySet());
    }
}
