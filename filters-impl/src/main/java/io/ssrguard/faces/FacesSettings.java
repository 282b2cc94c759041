package io.ssrguard.faces;

import static io.ssrguard.config.SsrGuardProperties.FACES_ENABLED;

import io.ssrguard.config.SettingsReader;

/**
 * Settings of the pack's part in Jakarta Faces rendering. Loaded at start on every container and
 * published in the servlet context; only where the container has Faces does anything read it.
 *
 * @param enabled whether Faces pages get the CSRF form field and, with a CSP nonce, have their inline
 *                handlers moved into the nonce'd script ({@code ssrguard.faces.enabled}, default on)
 */
public record FacesSettings(boolean enabled) {

    /** The servlet-context attribute holding this record, read by {@link GuardedRenderKitFactory}. */
    public static final String ATTRIBUTE = FacesSettings.class.getName();

    public static FacesSettings load(SettingsReader s) {
        return new FacesSettings(s.bool(FACES_ENABLED, true));
    }
}
