package io.ssrguard.faces;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SsrGuardProperties;
import org.junit.jupiter.api.Test;

class FacesSettingsTest {

    @Test
    void onByDefaultInEveryProfile() {
        assertTrue(FacesSettings.load(MapSettings.profile("prod").reader()).enabled());
        assertTrue(FacesSettings.load(MapSettings.profile("dev").reader()).enabled());
    }

    @Test
    void switchedOffByItsProperty() {
        assertFalse(FacesSettings.load(MapSettings.profile("prod").with(SsrGuardProperties.FACES_ENABLED, "false").reader()).enabled());
    }

    @Test
    void aMisspeltSwitchStopsTheDeploymentNamingTheProperty() {
        SettingsException e = assertThrows(SettingsException.class, () ->
                FacesSettings.load(MapSettings.profile("prod").with(SsrGuardProperties.FACES_ENABLED, "no").reader()));
        assertTrue(e.getMessage().contains(SsrGuardProperties.FACES_ENABLED), e.getMessage());
    }
}
