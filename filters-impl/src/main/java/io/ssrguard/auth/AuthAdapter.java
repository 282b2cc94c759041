package io.ssrguard.auth;

import static io.ssrguard.config.SsrGuardProperties.AUTH_ADAPTER;

import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import java.util.Locale;

/**
 * Which adapter turns the access cookie into the caller on Payara and WildFly
 * ({@code ssrguard.auth.adapter}). The Jakarta Security mechanism is the default: the
 * container then knows the caller, so {@code <security-constraint>}, {@code @RolesAllowed}
 * and Jakarta Security's {@code SecurityContext} work. Any installed mechanism costs
 * those containers much of their throughput (docs/performance.md), so an application
 * that uses none of that may choose {@link AuthFilter} alone, exactly as on Tomcat, which
 * has no Jakarta Security and always uses the filter.
 */
public enum AuthAdapter {
    /** {@link CookieAuthenticationMechanism} authenticates; {@link AuthFilter}, if declared, only enforces. */
    MECHANISM,
    /** The mechanism is not installed; {@link AuthFilter}, which must be declared, authenticates and enforces. */
    FILTER;

    /** Reads {@code ssrguard.auth.adapter}; anything but {@code mechanism} or {@code filter} stops the start. */
    public static AuthAdapter of(SettingsReader settings) {
        String value = settings.string(AUTH_ADAPTER, "mechanism");
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "mechanism" -> MECHANISM;
            case "filter" -> FILTER;
            default -> throw new SettingsException(AUTH_ADAPTER + " must be mechanism or filter, not '" + value + "'");
        };
    }

    /** The value as it is written in the settings. */
    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
