package io.ssrguard.config;

import java.util.Optional;

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
}
