package io.ssrguard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SsrGuardProperties;
import io.ssrguard.cookies.CookieRules;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessCookiesTest {

    static AccessCookies cookies(MapSettings settings, String contextPath) {
        return new AccessCookies(AuthSettings.load(settings.reader()), CookieRules.load(settings.reader(), contextPath));
    }

    @Test
    void prodCookieIsHostPrefixedSecureHttpOnlyUnderRoot() {
        List<String> set = cookies(MapSettings.profile("prod"), "").set("h.p.s");
        assertEquals(List.of("__Host-ssrguard-at=h.p.s; Path=/; Secure; HttpOnly; SameSite=Lax"), set);
    }

    @Test
    void nonRootContextGetsSecurePrefixAndItsOwnPath() {
        List<String> set = cookies(MapSettings.profile("prod"), "/shop").set("h.p.s");
        assertEquals(List.of("__Secure-ssrguard-at=h.p.s; Path=/shop; Secure; HttpOnly; SameSite=Lax"), set);
    }

    @Test
    void devMayDropSecureAndPrefixButNoOtherProfileMay() {
        MapSettings dev = MapSettings.profile("dev");
        assertEquals(List.of("ssrguard-at=t; Path=/; HttpOnly; SameSite=Lax"), cookies(dev, "").set("t"));
        SettingsException e = assertThrows(SettingsException.class,
                () -> CookieRules.load(MapSettings.profile("prod").with(SsrGuardProperties.COOKIES_SECURE, "false").reader(), ""));
        assertTrue(e.getMessage().contains(SsrGuardProperties.COOKIES_SECURE), e.getMessage());
    }

    @Test
    void splitModeSeparatesReadablePartFromHttpOnlySignature() throws Exception {
        AccessCookies split = cookies(MapSettings.profile("prod").with(SsrGuardProperties.AUTH_SPLIT_COOKIE, "true"), "");
        List<String> set = split.set("head.payload.sig");
        assertEquals("__Host-ssrguard-at-hp=head.payload; Path=/; Secure; SameSite=Lax", set.get(0));
        assertEquals("__Host-ssrguard-at-sig=sig; Path=/; Secure; HttpOnly; SameSite=Lax", set.get(1));

        Map<String, String> jar = new HashMap<>(Map.of("__Host-ssrguard-at-hp", "head.payload", "__Host-ssrguard-at-sig", "sig"));
        assertEquals(Optional.of("head.payload.sig"), split.read(jar::get));
        jar.remove("__Host-ssrguard-at-sig");
        assertThrows(InvalidAccessTokenException.class, () -> split.read(jar::get));
        Map<String, String> sigOnly = Map.of("__Host-ssrguard-at-sig", "sig");
        assertThrows(InvalidAccessTokenException.class, () -> split.read(sigOnly::get));
        assertEquals(Optional.empty(), split.read(Map.<String, String>of()::get));
        Map<String, String> wholeTokenInSig = Map.of("__Host-ssrguard-at-hp", "a.b", "__Host-ssrguard-at-sig", "a.b.c");
        assertThrows(InvalidAccessTokenException.class, () -> split.read(wholeTokenInSig::get));
    }

    @Test
    void clearingDeletesEveryAccessCookieWithTheSameAttributes() {
        List<String> cleared = cookies(MapSettings.profile("prod"), "").clear();
        assertEquals("__Host-ssrguard-at=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax", cleared.get(0));
        assertEquals(3, cleared.size());
    }

    @Test
    void badCookieSettingsFailNamingTheProperty() {
        for (String[] bad : new String[][] {
                {SsrGuardProperties.AUTH_SAME_SITE, "Loose"},
                {SsrGuardProperties.AUTH_COOKIE_NAME, "__Host-x"},
                {SsrGuardProperties.AUTH_COOKIE_NAME, "a b"},
                {SsrGuardProperties.AUTH_ACCESS_TOKEN_TTL, "soon"},
                {SsrGuardProperties.AUTH_ACCESS_TOKEN_TTL, "0"},
                {SsrGuardProperties.AUTH_SPLIT_COOKIE, "yes"},
                {SsrGuardProperties.AUTH_LOGIN_PATH, "auth/login"},
                {SsrGuardProperties.AUTH_ALGORITHMS, "none"}}) {
            SettingsException e = assertThrows(SettingsException.class,
                    () -> AuthSettings.load(MapSettings.profile("prod").with(bad[0], bad[1]).reader()), bad[0]);
            assertTrue(e.getMessage().contains(bad[0]), e.getMessage());
        }
    }
}
