package io.ssrguard.refresh;

import static io.ssrguard.config.SsrGuardProperties.REFRESH_MEMORY_MAX_FAMILIES;
import static io.ssrguard.config.SsrGuardProperties.REFRESH_MEMORY_MAX_FAMILIES_PER_USER;

import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import java.util.Optional;

/**
 * Bounds of the {@link InMemoryRefreshTokenStore}, so that sign-ins cannot grow
 * the heap without end.
 *
 * @param maxFamilies        families held in all; beyond it (after a purge) a sign-in is refused with 503,
 *                           rather than signing out someone else
 * @param maxFamiliesPerUser families of one user; a sign-in beyond it ends that user's oldest family, so one
 *                           account (or one password guessed) cannot fill the store
 */
public record MemoryStoreLimits(int maxFamilies, int maxFamiliesPerUser) {

    public static final int DEFAULT_MAX_FAMILIES = 100_000;
    public static final int DEFAULT_MAX_FAMILIES_PER_USER = 50;
    public static final MemoryStoreLimits DEFAULTS =
            new MemoryStoreLimits(DEFAULT_MAX_FAMILIES, DEFAULT_MAX_FAMILIES_PER_USER);

    public MemoryStoreLimits {
        if (maxFamilies < 1 || maxFamiliesPerUser < 1 || maxFamiliesPerUser > maxFamilies) {
            throw new IllegalArgumentException("limits must be positive, the per-user one at most the total");
        }
    }

    /** Reads and validates the limits; throws {@link SettingsException} naming the bad property. */
    public static MemoryStoreLimits load(SettingsReader s) {
        int total = integer(s, REFRESH_MEMORY_MAX_FAMILIES, DEFAULT_MAX_FAMILIES, 100, 10_000_000);
        int perUser = integer(s, REFRESH_MEMORY_MAX_FAMILIES_PER_USER, DEFAULT_MAX_FAMILIES_PER_USER, 1, 10_000);
        if (perUser > total) {
            throw new SettingsException(REFRESH_MEMORY_MAX_FAMILIES_PER_USER + " (" + perUser + ") must not exceed "
                    + REFRESH_MEMORY_MAX_FAMILIES + " (" + total + ")");
        }
        return new MemoryStoreLimits(total, perUser);
    }

    private static int integer(SettingsReader s, String name, int defaultValue, int min, int max) {
        Optional<String> raw = s.optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int v = Integer.parseInt(raw.get().trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw new SettingsException(name + " must be a whole number from " + min + " to " + max + ", not '"
                + raw.get() + "'");
    }
}
