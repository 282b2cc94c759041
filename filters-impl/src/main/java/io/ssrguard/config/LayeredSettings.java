package io.ssrguard.config;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Two {@link Settings} layered: the first answers when it can, the second otherwise. */
public final class LayeredSettings implements Settings {

    private final Settings first;
    private final Settings second;

    public LayeredSettings(Settings first, Settings second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public Optional<String> value(String name) {
        return first.value(name).or(() -> second.value(name));
    }

    @Override
    public Optional<String> profile() {
        return first.profile().or(second::profile);
    }

    @Override
    public Set<String> names() {
        Set<String> names = new TreeSet<>(first.names());
        names.addAll(second.names());
        return names;
    }
}
