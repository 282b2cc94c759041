package io.ssrguard.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.Curve;
import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OidcSettingsTest {

    static MapSettings minimal() {
        return MapSettings.profile("prod")
                .with("ssrguard.oidc.enabled", "true")
                .with("ssrguard.oidc.issuer", "https://sso.example.com/realms/shop/")
                .with("ssrguard.oidc.client-id", "shop")
                .with("ssrguard.oidc.client-secret", "s3cret");
    }

    static void failsNaming(String property, MapSettings s) {
        SettingsException e = assertThrows(SettingsException.class, () -> OidcSettings.load(s.reader()));
        assertTrue(e.getMessage().contains(property), e.getMessage());
    }

    @Test
    void offByDefaultAndThenNothingIsRequired() {
        assertTrue(OidcSettings.load(MapSettings.profile("prod").reader()).isEmpty());
    }

    @Test
    void defaults() {
        OidcSettings s = OidcSettings.load(minimal().reader()).orElseThrow();
        assertEquals("https://sso.example.com/realms/shop/", s.issuer().toString(), "exactly as configured");
        assertEquals("shop", s.clientId());
        assertEquals(new OidcSettings.ClientAuth.ClientSecret("s3cret", false), s.clientAuth());
        assertFalse(s.toString().contains("s3cret"), s.toString());
        assertEquals(List.of("openid", "profile", "email"), s.scopes());
        assertEquals("/auth/oidc/login", s.loginPath());
        assertEquals("/auth/oidc/callback", s.redirectPath());
        assertEquals("/auth/oidc/logout", s.logoutPath());
        assertEquals("/", s.defaultReturnTo());
        assertEquals("preferred_username", s.usernameClaim());
        assertEquals("groups", s.groupsClaim());
        assertEquals(Duration.ofMinutes(5), s.stateTtl());
        assertEquals("ssrguard-oidc", s.cookieName());
        assertFalse(s.providerLogout());
        assertEquals(Duration.ofSeconds(2), s.connectTimeout());
        assertEquals(Duration.ofSeconds(5), s.readTimeout());
        assertEquals(Duration.ofHours(1), s.refreshInterval());
        assertEquals("/auth/oidc/backchannel-logout", s.backChannelLogoutPath());
        assertEquals(600, s.backChannelLogoutRateLimit());
        assertFalse(s.toString().contains("s3cret"), "the secret never reaches a log line");
    }

    @Test
    void backChannelLogoutPathAndRateLimitAreValidated() {
        failsNaming("ssrguard.oidc.backchannel-logout-path",
                minimal().with("ssrguard.oidc.backchannel-logout-path", "/auth/oidc/logout"));
        failsNaming("ssrguard.oidc.backchannel-logout-path",
                minimal().with("ssrguard.oidc.backchannel-logout-path", "auth/bcl"));
        failsNaming("ssrguard.oidc.backchannel-logout-rate-limit",
                minimal().with("ssrguard.oidc.backchannel-logout-rate-limit", "0"));
        assertEquals("/sso/logout", OidcSettings.loadOn(minimal().with("ssrguard.oidc.backchannel-logout-path",
                "/sso/logout").reader()).backChannelLogoutPath());
    }

    @Test
    void enabledWithoutIssuerClientIdOrSecretFailsNamingTheProperty() {
        failsNaming("ssrguard.oidc.issuer", minimal().with("ssrguard.oidc.issuer", ""));
        failsNaming("ssrguard.oidc.client-id", minimal().with("ssrguard.oidc.client-id", ""));
        failsNaming("ssrguard.oidc.client-secret", minimal().with("ssrguard.oidc.client-secret", ""));
    }

    @Test
    void issuerMustBeHttpsExceptOnLoopback() {
        failsNaming("ssrguard.oidc.issuer", minimal().with("ssrguard.oidc.issuer", "http://sso.example.com/realms/shop"));
        failsNaming("ssrguard.oidc.issuer", minimal().with("ssrguard.oidc.issuer", "sso.example.com"));
        failsNaming("ssrguard.oidc.issuer", minimal().with("ssrguard.oidc.issuer", "https://sso.example.com/?x=1"));
        failsNaming("ssrguard.oidc.issuer", minimal().with("ssrguard.oidc.issuer", "ftp://sso.example.com"));
        assertEquals("http://localhost:8180/realms/dev", OidcSettings.loadOn(minimal()
                .with("ssrguard.oidc.issuer", "http://localhost:8180/realms/dev").reader()).issuer().toString());
        assertEquals("http://127.0.0.1:9000/default", OidcSettings.loadOn(minimal()
                .with("ssrguard.oidc.issuer", "http://127.0.0.1:9000/default").reader()).issuer().toString());
    }

    @Test
    void scopesMustIncludeOpenid() {
        failsNaming("ssrguard.oidc.scopes", minimal().with("ssrguard.oidc.scopes", "profile email"));
        assertEquals(List.of("openid", "roles"), OidcSettings.loadOn(minimal()
                .with("ssrguard.oidc.scopes", "openid, roles openid").reader()).scopes());
    }

    @Test
    void clientAuthMethods() {
        assertEquals(new OidcSettings.ClientAuth.ClientSecret("s3cret", true), OidcSettings.loadOn(minimal()
                .with("ssrguard.oidc.client-auth", "client_secret_post").reader()).clientAuth());
        failsNaming("ssrguard.oidc.client-auth", minimal().with("ssrguard.oidc.client-auth", "none"));
        failsNaming("ssrguard.oidc.client-jwk", minimal().with("ssrguard.oidc.client-auth", "private_key_jwt"));
        failsNaming("ssrguard.oidc.client-jwk", minimal().with("ssrguard.oidc.client-auth", "private_key_jwt")
                .with("ssrguard.oidc.client-jwk", "{not json"));
    }

    @Test
    void privateKeyJwtNeedsThePrivateHalfAndNoSecret() throws Exception {
        var key = new ECKeyGenerator(Curve.P_256).keyID("client-1").generate();
        failsNaming("ssrguard.oidc.client-jwk", minimal().with("ssrguard.oidc.client-auth", "private_key_jwt")
                .with("ssrguard.oidc.client-jwk", key.toPublicJWK().toJSONString()));
        OidcSettings s = OidcSettings.loadOn(minimal().with("ssrguard.oidc.client-secret", "")
                .with("ssrguard.oidc.client-auth", "private_key_jwt")
                .with("ssrguard.oidc.client-jwk", key.toJSONString()).reader());
        assertEquals("client-1", ((OidcSettings.ClientAuth.PrivateKeyJwt) s.clientAuth()).key().getKeyID());
        assertFalse(s.toString().contains(key.getD().toString()));
    }

    @Test
    void pathsClaimsAndTimesAreValidated() {
        failsNaming("ssrguard.oidc.redirect-path", minimal().with("ssrguard.oidc.redirect-path", "callback"));
        failsNaming("ssrguard.oidc.login-path", minimal().with("ssrguard.oidc.redirect-path", "/auth/oidc/login"));
        failsNaming("ssrguard.oidc.default-return-to", minimal().with("ssrguard.oidc.default-return-to", "//evil.example"));
        failsNaming("ssrguard.oidc.post-logout-path", minimal().with("ssrguard.oidc.post-logout-path", "https://evil.example"));
        failsNaming("ssrguard.oidc.groups-claim", minimal().with("ssrguard.oidc.groups-claim", "realm_access..roles"));
        failsNaming("ssrguard.oidc.state-ttl", minimal().with("ssrguard.oidc.state-ttl", "5"));
        failsNaming("ssrguard.oidc.state-ttl", minimal().with("ssrguard.oidc.state-ttl", "PT2H"));
        failsNaming("ssrguard.oidc.cookie-name", minimal().with("ssrguard.oidc.cookie-name", "__Host-x"));
        failsNaming("ssrguard.oidc.connect-timeout", minimal().with("ssrguard.oidc.connect-timeout", "0"));
        failsNaming("ssrguard.oidc.refresh-interval", minimal().with("ssrguard.oidc.refresh-interval", "10"));
        failsNaming("ssrguard.oidc.enabled", MapSettings.profile("prod").with("ssrguard.oidc.enabled", "yes"));
        assertEquals("realm_access.roles", OidcSettings.loadOn(minimal()
                .with("ssrguard.oidc.groups-claim", "realm_access.roles").reader()).groupsClaim());
    }
}
