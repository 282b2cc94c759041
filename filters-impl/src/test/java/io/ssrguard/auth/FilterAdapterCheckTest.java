package io.ssrguard.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FilterAdapterCheckTest {

    private static final Set<String> WITH_FILTER = Set.of(AuthFilter.class.getName(), "io.ssrguard.csrf.CsrfFilter");
    private static final String CONSTRAINED = "<web-app><security-constraint><web-resource-collection>"
            + "<url-pattern>/api/*</url-pattern></web-resource-collection></security-constraint></web-app>";

    private static AuthSettings settings(String... pairs) {
        MapSettings map = MapSettings.profile("prod");
        for (int i = 0; i < pairs.length; i += 2) {
            map = map.with(pairs[i], pairs[i + 1]);
        }
        return AuthSettings.load(map.reader());
    }

    @Test
    void theFilterModeWithoutTheDeclaredFilterStopsTheDeploymentNamingBoth() {
        SettingsException e = assertThrows(SettingsException.class, () -> FilterAdapterCheck.require(
                settings("ssrguard.auth.adapter", "filter"), Set.of("io.ssrguard.csrf.CsrfFilter"), "<web-app/>"));
        assertTrue(e.getMessage().contains("ssrguard.auth.adapter=filter, but io.ssrguard.auth.AuthFilter is not declared"),
                e.getMessage());
    }

    @Test
    void theFilterModeRefusesContainerConstraintsItCannotServe() {
        SettingsException e = assertThrows(SettingsException.class, () -> FilterAdapterCheck.require(
                settings("ssrguard.auth.adapter", "filter"), WITH_FILTER, CONSTRAINED));
        assertTrue(e.getMessage().contains("web.xml declares a <security-constraint>"), e.getMessage());
        assertTrue(e.getMessage().contains("ssrguard.auth.constraints"), e.getMessage());
    }

    @Test
    void aCommentMentioningConstraintsIsNoConstraint() {
        assertDoesNotThrow(() -> FilterAdapterCheck.require(settings("ssrguard.auth.adapter", "filter"), WITH_FILTER,
                "<web-app><!-- Tomcat checks <security-constraint>s first --></web-app>"));
    }

    @Test
    void theMechanismModeAndAuthenticationOffCheckNothing() {
        assertDoesNotThrow(() -> FilterAdapterCheck.require(settings(), Set.of(), CONSTRAINED));
        assertDoesNotThrow(() -> FilterAdapterCheck.require(
                settings("ssrguard.auth.enabled", "false", "ssrguard.auth.adapter", "filter"), Set.of(), CONSTRAINED));
    }
}
