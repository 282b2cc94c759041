package io.ssrguard.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SsrGuardProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfiguredKeyProviderTest {

    static ECKey ec(String kid) throws Exception {
        return new ECKeyGenerator(Curve.P_256).keyID(kid).algorithm(JWSAlgorithm.ES256).generate();
    }

    static ConfiguredKeyProvider load(String profile, String jwks) {
        return ConfiguredKeyProvider.load(MapSettings.profile(profile).with(SsrGuardProperties.KEYS_JWKS, jwks).reader());
    }

    @Test
    void missingKeyOutsideDevFailsNamingTheProperties() {
        for (String profile : new String[] {"prod", "test", null}) {
            SettingsException e = assertThrows(SettingsException.class,
                    () -> ConfiguredKeyProvider.load(MapSettings.profile(profile).reader()));
            assertTrue(e.getMessage().contains(SsrGuardProperties.KEYS_JWKS), e.getMessage());
            assertTrue(e.getMessage().contains(SsrGuardProperties.KEYS_JWKS_FILE), e.getMessage());
        }
    }

    @Test
    void devWithoutKeyGetsAnEphemeralEs256Key() {
        ConfiguredKeyProvider keys = ConfiguredKeyProvider.load(MapSettings.profile("dev").reader());
        assertEquals("ES256", keys.signingKey().algorithm());
        assertTrue(keys.signingKey().keyId().startsWith("ephemeral-"));
        assertNotNull(keys.signingKey().signingKey());
    }

    @Test
    void toStringShowsKeyIdsButNoKeyMaterial() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa-1").algorithm(JWSAlgorithm.RS256).generate();
        OctetSequenceKey hmac = new OctetSequenceKeyGenerator(256).keyID("hs-1").algorithm(JWSAlgorithm.HS256).generate();
        String text = load("prod", "{\"keys\":[" + rsa.toJSONString() + "," + hmac.toJSONString() + "]}").toString();

        assertTrue(text.contains("rsa-1") && text.contains("hs-1"), text);
        assertFalse(text.contains(rsa.getPrivateExponent().toString()), text);
        assertFalse(text.contains(rsa.toRSAPrivateKey().getPrivateExponent().toString()), text);
        assertFalse(text.contains(hmac.getKeyValue().toString()), text);
    }

    @Test
    void singleJwkAndSetBothLoad() throws Exception {
        ECKey key = ec("k1");
        assertEquals("k1", load("prod", key.toJSONString()).signingKey().keyId());
        assertEquals("k1", load("prod", "{\"keys\":[" + key.toJSONString() + "]}").signingKey().keyId());
    }

    @Test
    void rotationKeepsOldKeysForVerificationAndSignsWithTheChosenOne() throws Exception {
        ECKey old = ec("old");
        ECKey current = ec("new");
        String set = "{\"keys\":[" + old.toPublicJWK().toJSONString() + "," + current.toJSONString() + "]}";
        ConfiguredKeyProvider keys = load("prod", set);
        assertEquals("new", keys.signingKey().keyId(), "first key that can sign");
        assertEquals(2, keys.verificationKeys().size());

        ConfiguredKeyProvider chosen = ConfiguredKeyProvider.load(MapSettings.profile("prod")
                .with(SsrGuardProperties.KEYS_JWKS, "{\"keys\":[" + old.toJSONString() + "," + current.toJSONString() + "]}")
                .with(SsrGuardProperties.KEYS_SIGNING_KEY_ID, "new").reader());
        assertEquals("new", chosen.signingKey().keyId());
    }

    @Test
    void signingKeyIdMustExistAndBePrivate() throws Exception {
        ECKey old = ec("old");
        ECKey current = ec("new");
        String set = "{\"keys\":[" + old.toPublicJWK().toJSONString() + "," + current.toJSONString() + "]}";
        SettingsException unknown = assertThrows(SettingsException.class, () -> ConfiguredKeyProvider.load(
                MapSettings.profile("prod").with(SsrGuardProperties.KEYS_JWKS, set)
                        .with(SsrGuardProperties.KEYS_SIGNING_KEY_ID, "nope").reader()));
        assertTrue(unknown.getMessage().contains(SsrGuardProperties.KEYS_SIGNING_KEY_ID));
        SettingsException publicOnly = assertThrows(SettingsException.class, () -> ConfiguredKeyProvider.load(
                MapSettings.profile("prod").with(SsrGuardProperties.KEYS_JWKS, set)
                        .with(SsrGuardProperties.KEYS_SIGNING_KEY_ID, "old").reader()));
        assertTrue(publicOnly.getMessage().contains("no private part"), publicOnly.getMessage());
        assertThrows(SettingsException.class, () -> load("prod", old.toPublicJWK().toJSONString()));
    }

    @Test
    void weakKeysFailTheDeployment() throws Exception {
        OctetSequenceKey shortSecret = new OctetSequenceKeyGenerator(128).keyID("hs").algorithm(JWSAlgorithm.HS256).generate();
        SettingsException hs = assertThrows(SettingsException.class, () -> load("prod", shortSecret.toJSONString()));
        assertTrue(hs.getMessage().contains("at least 256 bits"), hs.getMessage());

        OctetSequenceKey hs512Short = new OctetSequenceKeyGenerator(256).keyID("hs").algorithm(JWSAlgorithm.HS512).generate();
        assertThrows(SettingsException.class, () -> load("prod", hs512Short.toJSONString()));

        RSAKey weakRsa = new RSAKeyGenerator(1024, true).keyID("rsa").generate();
        SettingsException rsa = assertThrows(SettingsException.class, () -> load("prod", weakRsa.toJSONString()));
        assertTrue(rsa.getMessage().contains("2048"), rsa.getMessage());

        ECKey p384AsEs256 = new ECKeyGenerator(Curve.P_384).keyID("ec").algorithm(JWSAlgorithm.ES256).generate();
        assertThrows(SettingsException.class, () -> load("prod", p384AsEs256.toJSONString()));
    }

    @Test
    void strongKeysOfEveryFamilyLoad() throws Exception {
        OctetSequenceKey hs = new OctetSequenceKeyGenerator(256).keyID("hs").generate();
        assertEquals("HS256", load("prod", hs.toJSONString()).signingKey().algorithm());
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa").generate();
        assertEquals("RS256", load("prod", rsa.toJSONString()).signingKey().algorithm());
        ECKey p521 = new ECKeyGenerator(Curve.P_521).keyID("p521").generate();
        assertEquals("ES512", load("prod", p521.toJSONString()).signingKey().algorithm());
    }

    @Test
    void malformedJsonFailsWithoutEchoingKeyMaterial() {
        SettingsException e = assertThrows(SettingsException.class, () -> load("prod", "{\"kty\":\"EC\",\"d\":\"SECRET"));
        assertTrue(e.getMessage().contains(SsrGuardProperties.KEYS_JWKS));
        assertFalse(e.getMessage().contains("SECRET"));
    }

    @Test
    void keysLoadFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, "{\"keys\":[" + ec("from-file").toJSONString() + "]}");
        ConfiguredKeyProvider keys = ConfiguredKeyProvider.load(MapSettings.profile("prod")
                .with(SsrGuardProperties.KEYS_JWKS_FILE, file.toString()).reader());
        assertEquals("from-file", keys.signingKey().keyId());

        SettingsException missing = assertThrows(SettingsException.class, () -> ConfiguredKeyProvider.load(
                MapSettings.profile("prod").with(SsrGuardProperties.KEYS_JWKS_FILE, dir.resolve("nope").toString()).reader()));
        assertTrue(missing.getMessage().contains(SsrGuardProperties.KEYS_JWKS_FILE));
    }
}
