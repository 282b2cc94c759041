package io.ssrguard.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsException;
import org.junit.jupiter.api.Test;

class SignInSettingsTest {

    @Test
    void withoutAPageOfItsOwnTheApplicationSendsBrowsersToThePacksPage() {
        SignInSettings s = SignInSettings.load(MapSettings.profile("test").reader(), false);
        assertEquals("/auth/sign-in", s.page());
        assertEquals("/auth/sign-in.css", s.stylesheet());
        assertEquals(new SignInLocation("/auth/sign-in"), s.location());
        assertEquals("/auth/sign-in", s.oidcErrorPage(), "refused OpenID Connect navigations go to the sign-in page");
        assertEquals("/", s.postLogoutPath());
        assertTrue(s.passwordEnabled());

        SignInSettings moved = SignInSettings.load(MapSettings.profile("test")
                .with("ssrguard.auth.sign-in-page", "/welcome/sign-in").reader(), false);
        assertEquals(new SignInLocation("/welcome/sign-in"), moved.location(), "the location follows the page");
    }

    @Test
    void anApplicationsOwnPageIsTheOneLocationForEveryone() {
        SignInSettings s = SignInSettings.load(MapSettings.profile("test").with("ssrguard.gate.sign-in", "/login").reader(), false);
        assertEquals(new SignInLocation("/login"), s.location());
        assertEquals("/login", s.oidcErrorPage());
        assertEquals("/auth/sign-in", s.page(), "the pack's page is still served");

        SignInSettings errors = SignInSettings.load(MapSettings.profile("test").with("ssrguard.gate.sign-in", "/login")
                .with("ssrguard.oidc.error-page", "/sso-trouble").with("ssrguard.auth.post-logout-path", "/bye").reader(), false);
        assertEquals("/sso-trouble", errors.oidcErrorPage());
        assertEquals("/bye", errors.postLogoutPath());
    }

    @Test
    void passwordSignInOffNeedsAProvider() {
        SettingsException e = assertThrows(SettingsException.class, () -> SignInSettings.load(MapSettings.profile("test")
                .with("ssrguard.auth.password.enabled", "false").reader(), false));
        assertTrue(e.getMessage().contains("ssrguard.auth.password.enabled") && e.getMessage().contains("ssrguard.oidc.enabled"),
                e.getMessage());
        assertFalse(SignInSettings.load(MapSettings.profile("test").with("ssrguard.auth.password.enabled", "false")
                .with("ssrguard.oidc.enabled", "true").reader(), true).passwordEnabled());
    }

    @Test
    void pathsThatLeaveTheApplicationAreRefusedNamingTheProperty() {
        for (String[] bad : new String[][] {{"ssrguard.auth.post-logout-path", "//evil.example"},
                {"ssrguard.auth.post-logout-path", "https://evil.example/"}, {"ssrguard.oidc.error-page", "/\\evil"},
                {"ssrguard.gate.sign-in", "login"}, {"ssrguard.auth.sign-in-page", "/auth/*"},
                {"ssrguard.auth.password.enabled", "maybe"}}) {
            SettingsException e = assertThrows(SettingsException.class,
                    () -> SignInSettings.load(MapSettings.profile("test").with(bad[0], bad[1]).reader(), false), bad[1]);
            assertTrue(e.getMessage().contains(bad[0]), e.getMessage());
        }
    }
}
