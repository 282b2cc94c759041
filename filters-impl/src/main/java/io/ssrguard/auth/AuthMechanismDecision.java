package io.ssrguard.auth;

import static io.ssrguard.config.SsrGuardProperties.AUTH_ADAPTER;
import static io.ssrguard.config.SsrGuardProperties.AUTH_ENABLED;

import io.ssrguard.config.SettingsException;

/**
 * Whether CDI installed the authentication mechanism, kept from CDI bootstrap until
 * the pack starts. {@link AuthMechanismSwitch} decides before {@code web.xml} can be
 * read; the start, which reads it, refuses settings that say otherwise. Apart from
 * the switch, which implements a CDI interface, so that the start can check on
 * containers without CDI (Tomcat) too. The pack's classes live in the WAR, so this
 * is one application's decision.
 */
public final class AuthMechanismDecision {

    /** Unset until CDI decided; stays unset where CDI does not run. */
    private static volatile Decided decided;

    private AuthMechanismDecision() {
    }

    static void record(boolean enabled, AuthAdapter adapter) {
        decided = new Decided(enabled, adapter);
    }

    /**
     * Refuses settings read at start (which include {@code web.xml}) that switch
     * authentication or choose its adapter otherwise than CDI decided; nothing to
     * check where CDI did not run.
     *
     * @throws SettingsException naming {@code ssrguard.auth.enabled} or {@code ssrguard.auth.adapter}
     *                           and where to set it
     */
    public static void requireAgreement(AuthSettings settings) {
        Decided cdi = decided;
        if (cdi == null) {
            return;
        }
        if (cdi.enabled() != settings.enabled()) {
            throw tooLate(AUTH_ENABLED, Boolean.toString(settings.enabled()), Boolean.toString(cdi.enabled()));
        }
        // The adapter only matters while authentication is on: off, neither runs.
        if (settings.enabled() && cdi.adapter() != settings.adapter()) {
            throw tooLate(AUTH_ADAPTER, settings.adapter().settingValue(), cdi.adapter().settingValue());
        }
    }

    private static SettingsException tooLate(String name, String atStart, String atBootstrap) {
        return new SettingsException(name + " is " + atStart + " at start but was " + atBootstrap
                + " when CDI installed the authentication mechanism: a value in web.xml comes too late"
                + " for the mechanism; set " + name + " in MicroProfile Config (or the environment) instead");
    }

    /** What the switch read at CDI bootstrap. */
    private record Decided(boolean enabled, AuthAdapter adapter) {
    }
}
