package io.ssrguard.config;

import java.util.Optional;
import java.util.Set;

/**
 * Raw configuration values, read once at start by the settings records of each
 * feature. One implementation reads MicroProfile Config; others (filter
 * init-params) can be added without touching the features.
 */
public interface Settings {

    /** The value of a property, trimmed, or empty when unset or blank. */
    Optional<String> value(String name);

    /** The active MicroProfile Config profile, or empty when none is set. */
    Optional<String> profile();

    /**
     * The names this source holds that are meant for the pack, as written there
     * (profile prefixes and environment-variable forms included), so that
     * {@link SettingNames#requireKnown} can refuse a misspelt one. Empty for a
     * source that cannot list its names, such as a key provider, which only
     * answers names the pack asks for and so cannot hold an unknown one.
     */
    default Set<String> names() {
        return Set.of();
    }
}
