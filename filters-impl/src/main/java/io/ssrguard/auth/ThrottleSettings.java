package io.ssrguard.auth;

import io.ssrguard.config.SettingsReader;
import io.ssrguard.config.SsrGuardProperties;
import java.time.Duration;

/**
 * How failed password sign-ins are throttled: after {@code accountFailures} failures for one
 * user name, or {@code addressFailures} from one client address, within {@code window},
 * sign-in for it is refused for {@code lockout}.
 */
public record ThrottleSettings(boolean enabled, int accountFailures, int addressFailures, Duration window,
                               Duration lockout, int maxEntries) {

    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
    static final Duration DEFAULT_LOCKOUT = Duration.ofMinutes(15);

    /** Reads the {@code ssrguard.auth.throttle.*} settings; fails naming the bad one. */
    public static ThrottleSettings load(SettingsReader s) {
        return new ThrottleSettings(
                s.bool(SsrGuardProperties.AUTH_THROTTLE_ENABLED, true),
                s.integer(SsrGuardProperties.AUTH_THROTTLE_ACCOUNT_FAILURES, 5, 1, 1000),
                s.integer(SsrGuardProperties.AUTH_THROTTLE_ADDRESS_FAILURES, 30, 1, 100_000),
                s.positiveDuration(SsrGuardProperties.AUTH_THROTTLE_WINDOW, DEFAULT_WINDOW),
                s.positiveDuration(SsrGuardProperties.AUTH_THROTTLE_LOCKOUT, DEFAULT_LOCKOUT),
                s.integer(SsrGuardProperties.AUTH_THROTTLE_MAX_ENTRIES, 100_000, 100, 10_000_000));
    }
}
