package io.ssrguard.passkeys;

import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.config.SsrGuardProperties;
import io.ssrguard.tiers.EnvironmentTiers;
import io.ssrguard.tiers.Feature;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How passkeys work here; loaded only when they are on ({@code ssrguard.passkeys.enabled}).
 *
 * @param rpId                     the WebAuthn relying-party id (a registrable domain such as {@code example.com});
 *                                 empty: the host of the site's origin, as the origin resolver gives it
 * @param rpName                   the name authenticators show when registering
 * @param userVerificationRequired whether the authenticator must verify the user (PIN, biometrics); default true
 * @param challengeTtl             how long a ceremony may take between options and finish
 * @param requestsPerMinute        ceremony requests one client address may make per minute (per node)
 */
public record PasskeySettings(Optional<String> rpId, String rpName, boolean userVerificationRequired,
                              Duration challengeTtl, int requestsPerMinute) {

    static final Duration DEFAULT_CHALLENGE_TTL = Duration.ofMinutes(5);
    /**
     * A person needs two requests per ceremony and a few ceremonies a minute at most; 60 leaves room for
     * a handful of people behind one address and still turns a scripted flood away after a second's worth.
     */
    static final int DEFAULT_REQUESTS_PER_MINUTE = 60;
    /** A host name: labels of letters, digits and hyphens; no scheme, port or path, no IP literal with colons. */
    private static final Pattern HOST = Pattern.compile("(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*");

    /**
     * Reads the {@code ssrguard.passkeys.*} settings when passkeys are on; empty, reading nothing
     * else, when they are off.
     *
     * @throws SettingsException naming the property, when passkeys are on and a setting is malformed
     */
    public static Optional<PasskeySettings> load(SettingsReader s) {
        return EnvironmentTiers.switchOf(s, Feature.PASSKEYS).enabled() ? Optional.of(loadOn(s)) : Optional.empty();
    }

    private static PasskeySettings loadOn(SettingsReader s) {
        Optional<String> rpId = s.optional(SsrGuardProperties.PASSKEYS_RP_ID).map(String::trim).filter(v -> !v.isEmpty())
                .map(v -> v.toLowerCase(Locale.ROOT));
        if (rpId.isPresent() && !HOST.matcher(rpId.get()).matches()) {
            throw new SettingsException(SsrGuardProperties.PASSKEYS_RP_ID
                    + " must be a domain such as example.com (no scheme, port or path), not '" + rpId.get() + "'");
        }
        String uv = s.string(SsrGuardProperties.PASSKEYS_USER_VERIFICATION, "required").trim().toLowerCase(Locale.ROOT);
        if (!uv.equals("required") && !uv.equals("preferred")) {
            throw new SettingsException(SsrGuardProperties.PASSKEYS_USER_VERIFICATION
                    + " must be required or preferred, not '" + uv + "'");
        }
        Duration ttl = s.positiveDuration(SsrGuardProperties.PASSKEYS_CHALLENGE_TTL, DEFAULT_CHALLENGE_TTL);
        if (ttl.compareTo(Duration.ofMinutes(30)) > 0) {
            throw new SettingsException(SsrGuardProperties.PASSKEYS_CHALLENGE_TTL
                    + " must be at most 30 minutes (a challenge is a one-time value), not " + ttl.toSeconds() + " s");
        }
        String rpName = s.string(SsrGuardProperties.PASSKEYS_RP_NAME, "SSR Guard").trim();
        if (rpName.isEmpty() || rpName.length() > 64) {
            throw new SettingsException(SsrGuardProperties.PASSKEYS_RP_NAME + " must have 1 to 64 characters");
        }
        int requestsPerMinute = s.integer(SsrGuardProperties.PASSKEYS_REQUESTS_PER_MINUTE, DEFAULT_REQUESTS_PER_MINUTE,
                2, 100_000);
        return new PasskeySettings(rpId, rpName, uv.equals("required"), ttl, requestsPerMinute);
    }
}
