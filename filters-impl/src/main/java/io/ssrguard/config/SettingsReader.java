package io.ssrguard.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Typed, validated access to {@link Settings}: every parse error becomes a
 * {@link SettingsException} that names the property.
 */
public final class SettingsReader {

    private final Settings settings;

    public SettingsReader(Settings settings) {
        this.settings = settings;
    }

    /** These settings with {@code top} layered over them: where {@code top} has a value, it wins. */
    public SettingsReader under(Settings top) {
        return new SettingsReader(new LayeredSettings(top, settings));
    }

    /** True when the active profile is {@code dev}, the only one allowed to relax transport security. */
    public boolean devProfile() {
        return settings.profile().map(SsrGuardProperties.DEV_PROFILE::equals).orElse(false);
    }

    /** The active profile for log lines, {@code (none)} when unset. */
    public String profileName() {
        return settings.profile().orElse("(none)");
    }

    public Optional<String> optional(String name) {
        return settings.value(name);
    }

    public String string(String name, String defaultValue) {
        return settings.value(name).orElse(defaultValue);
    }

    public boolean bool(String name, boolean defaultValue) {
        return settings.value(name).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new SettingsException(name + " must be true or false, not '" + v + "'");
        }).orElse(defaultValue);
    }

    /** A duration given as whole seconds ({@code 900}) or ISO-8601 ({@code PT15M}). */
    public Duration duration(String name, Duration defaultValue) {
        Optional<String> raw = settings.value(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        String v = raw.get();
        Duration parsed;
        try {
            parsed = v.chars().allMatch(Character::isDigit)
                    ? Duration.ofSeconds(Long.parseLong(v))
                    : Duration.parse(v.toUpperCase(Locale.ROOT));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new SettingsException(name + " must be whole seconds (900) or an ISO-8601 duration (PT15M), not '" + v + "'", e);
        }
        if (parsed.isNegative()) {
            throw new SettingsException(name + " must not be negative, not '" + v + "'");
        }
        return parsed;
    }

    /** A {@link #duration} that must be longer than zero. */
    public Duration positiveDuration(String name, Duration defaultValue) {
        Duration d = duration(name, defaultValue);
        if (d.isZero()) {
            throw new SettingsException(name + " must be longer than zero");
        }
        return d;
    }

    /** A {@link #duration} from {@code min} to {@code max}, both included. */
    public Duration duration(String name, Duration defaultValue, Duration min, Duration max) {
        Duration d = duration(name, defaultValue);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new SettingsException(name + " must lie between " + words(min) + " and " + words(max) + ", not "
                    + d.toSeconds() + " s");
        }
        return d;
    }

    /** {@code 30 seconds}, {@code 5 minutes}: how a range reads in a message. */
    private static String words(Duration d) {
        long s = d.toSeconds();
        return s % 60 == 0 && s >= 60 ? s / 60 + (s == 60 ? " minute" : " minutes") : s + (s == 1 ? " second" : " seconds");
    }

    /** A whole number from {@code min} to {@code max}. */
    public int integer(String name, int defaultValue, int min, int max) {
        Optional<String> raw = settings.value(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int v = Integer.parseInt(raw.get());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw new SettingsException(name + " must be a whole number from " + min + " to " + max + ", not '" + raw.get() + "'");
    }

    /**
     * Key material written as base64: the standard alphabet ({@code openssl rand -base64 32})
     * and the URL-safe one are both accepted, padded or not, so that a key copied from
     * either kind of tool works. The one place that decodes a configured key.
     *
     * @throws IllegalArgumentException when the text is not base64 in either alphabet; its
     *                                  message never repeats the text, which is a secret
     */
    public static byte[] base64Key(String text) {
        try {
            return Base64.getDecoder().decode(text.trim().replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not base64 or base64url");
        }
    }

    /** The name of an HTTP header: an RFC 9110 token, so that it can be sent and matched as given. */
    public String headerName(String name, String defaultValue) {
        String v = string(name, defaultValue);
        if (!v.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
            throw new SettingsException(name + " must be an HTTP header name, not '" + v + "'");
        }
        return v;
    }

    /** A comma-separated list, blanks dropped. */
    public List<String> list(String name, List<String> defaultValue) {
        return settings.value(name)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(defaultValue);
    }

    /** A path relative to the context path: must start with {@code /}. */
    public String path(String name, String defaultValue) {
        String v = string(name, defaultValue);
        if (!v.startsWith("/") || v.contains("*") || v.chars().anyMatch(Character::isWhitespace)) {
            throw new SettingsException(name + " must be a path starting with '/' without wildcards or spaces, not '" + v + "'");
        }
        return v;
    }
}
