package io.ssrguard.keys;

import static io.ssrguard.config.SsrGuardProperties.KEYS_JWKS;
import static io.ssrguard.config.SsrGuardProperties.KEYS_JWKS_FILE;
import static io.ssrguard.config.SsrGuardProperties.KEYS_SIGNING_KEY_ID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.JWSAlgorithm;
import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * {@link KeyProvider} that reads a JWK or JWK set from configuration: inline
 * ({@code ssrguard.keys.jwks}) or from a file ({@code ssrguard.keys.jwks-file}).
 * One key signs; every key in the set verifies, so a key can be rotated by
 * adding the new one, making it the signing key, and removing the old one after
 * the longest token lifetime.
 */
public final class ConfiguredKeyProvider implements KeyProvider {

    private static final Logger LOG = Logger.getLogger(ConfiguredKeyProvider.class.getName());

    private final TokenKey signingKey;
    private final List<TokenKey> verificationKeys;

    ConfiguredKeyProvider(TokenKey signingKey, List<TokenKey> verificationKeys) {
        this.signingKey = signingKey;
        this.verificationKeys = List.copyOf(verificationKeys);
    }

    /** Why a deployment cannot start for want of a signing key, if it cannot: no key is set outside dev. */
    public static Optional<String> missingKey(SettingsReader settings) {
        if (settings.optional(KEYS_JWKS).isPresent() || settings.optional(KEYS_JWKS_FILE).isPresent()
                || settings.devProfile()) {
            return Optional.empty();
        }
        return Optional.of("No token signing key is configured (profile " + settings.profileName()
                + "). Set " + KEYS_JWKS + " to a JWK set as JSON, or " + KEYS_JWKS_FILE
                + " to the path of a file holding one; docs/operations.md (Keys) shows how to generate every secret in one step. Only the '"
                + "dev' profile may run with an ephemeral key.");
    }

    /**
     * Loads and validates the configured keys. Without any, the dev profile gets
     * an ephemeral ES256 key (tokens die with the process) and every other
     * profile fails.
     *
     * @throws SettingsException naming the property when keys are missing, unreadable or weak
     */
    public static ConfiguredKeyProvider load(SettingsReader settings) {
        String source;
        String json;
        if (settings.optional(KEYS_JWKS).isPresent()) {
            source = KEYS_JWKS;
            json = settings.optional(KEYS_JWKS).get();
        } else if (settings.optional(KEYS_JWKS_FILE).isPresent()) {
            source = KEYS_JWKS_FILE;
            json = readFile(settings.optional(KEYS_JWKS_FILE).get());
        } else if (settings.devProfile()) {
            return ephemeral();
        } else {
            throw new SettingsException(missingKey(settings).orElseThrow());
        }
        List<TokenKey> keys = parse(json, source).stream().map(jwk -> JwkKeys.toTokenKey(jwk, source)).toList();
        if (keys.isEmpty()) {
            throw new SettingsException(source + " holds no keys; add at least one JWK that can sign");
        }
        TokenKey signing = settings.optional(KEYS_SIGNING_KEY_ID)
                .map(kid -> keys.stream().filter(k -> k.keyId().equals(kid)).findFirst()
                        .orElseThrow(() -> new SettingsException(KEYS_SIGNING_KEY_ID + " names key '" + kid
                                + "', which is not in " + source)))
                .orElseGet(() -> keys.stream().filter(k -> k.signingKey() != null).findFirst()
                        .orElseThrow(() -> new SettingsException(source
                                + " holds only public keys; the signing key needs its private part (or an oct secret)")));
        if (signing.signingKey() == null) {
            throw new SettingsException(KEYS_SIGNING_KEY_ID + " names key '" + signing.keyId()
                    + "', which has no private part in " + source);
        }
        LOG.info(() -> "SSR Guard keys loaded from " + source + ": signing with '" + signing.keyId() + "' ("
                + signing.algorithm() + "), " + keys.size() + " verification key(s)");
        return new ConfiguredKeyProvider(signing, keys);
    }

    @Override
    public TokenKey signingKey() {
        return signingKey;
    }

    @Override
    public List<TokenKey> verificationKeys() {
        return verificationKeys;
    }

    /** Key ids and algorithms only: {@link TokenKey} never prints key material. */
    @Override
    public String toString() {
        return "ConfiguredKeyProvider[signingKey=" + signingKey + ", verificationKeys=" + verificationKeys + "]";
    }

    private static ConfiguredKeyProvider ephemeral() {
        try {
            JWK jwk = new ECKeyGenerator(Curve.P_256).algorithm(JWSAlgorithm.ES256)
                    .keyID("ephemeral-" + UUID.randomUUID()).generate();
            TokenKey key = JwkKeys.toTokenKey(jwk, "ephemeral key");
            LOG.warning("SSR Guard: NO SIGNING KEY CONFIGURED. The dev profile is using an EPHEMERAL ES256 key: "
                    + "every sign-in ends when this process stops, and other nodes reject its tokens. Set "
                    + KEYS_JWKS + " or " + KEYS_JWKS_FILE + " before leaving dev.");
            return new ConfiguredKeyProvider(key, List.of(key));
        } catch (JOSEException e) {
            throw new SettingsException("cannot generate an ephemeral dev key: " + e.getMessage(), e);
        }
    }

    private static List<JWK> parse(String json, String source) {
        try {
            String trimmed = json.trim();
            if (trimmed.contains("\"keys\"")) {
                return JWKSet.parse(trimmed).getKeys();
            }
            return List.of(JWK.parse(trimmed));
        } catch (ParseException e) {
            // The parser's message can quote key material: keep only the position.
            throw new SettingsException(source + " is not a valid JWK or JWK set (JSON parse error at offset "
                    + e.getErrorOffset() + ")");
        }
    }

    private static String readFile(String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SettingsException(KEYS_JWKS_FILE + " = '" + path + "' cannot be read: " + e.getMessage(), e);
        }
    }
}
