package io.ssrguard.auth;

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
    private static volatile Boolean installed;

    private AuthMechanismDecision() {
    }

    static void record(boolean mechanismInstalled) {
        installed = mechanismInstalled;
    }

    /**
     * Refuses settings read at start (which include {@code web.xml}) that switch
     * authentication otherwise than the mechanism was installed at CDI bootstrap;
     * nothing to check where CDI did not run.
     *
     * @throws SettingsException naming {@code ssrguard.auth.enabled} and where to set it
     */
    public static void requireAgreement(AuthSettings settings) {
        Boolean decided = installed;
        if (decided != null && decided != settings.enabled()) {
            throw new SettingsException(AUTH_ENABLED + " is " + settings.enabled() + " at start but was "
                    + decided + " when CDI installed the authentication mechanism: a value in web.xml comes too late"
                    + " for the mechanism; set " + AUTH_ENABLED + " in MicroProfile Config (or the environment) instead");
        }
    }
}
