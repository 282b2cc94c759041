package io.ssrguard.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.guard.GuardSettings;
import io.ssrguard.refresh.RefreshSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The {@code secrets} command's output read back the way a deployment reads it: environment
 * names mapped to properties by MicroProfile Config's rule, each value through the pack's own loader.
 */
public class SecretsCommandTest {

    /** One clean environment line: a name, a single-quoted value with printable ASCII and no quote. */
    static final Pattern LINE = Pattern.compile("([A-Z0-9_]+)='([\\x20-\\x26\\x28-\\x7e]*)'");
    static final List<String> PROPERTIES = List.of("ssrguard.keys.jwks", "ssrguard.csrf.keys", "ssrguard.refresh.secret",
            "ssrguard.guard.secrets");

    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SecretsCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new SecureRandom());
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** MicroProfile Config's environment name of a property: non-alphanumerics to '_', upper case. */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /**
     * Parses the command's output strictly: comments and environment lines only, and checks that
     * every value loads through the pack's loaders. Shared with the test that runs the jar.
     */
    public static void assertLoadsAsADeploymentWould(String output, String profile) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : output.split("\n", -1)) {
            if (line.isEmpty() || line.startsWith("# ")) {
                assertTrue(line.chars().allMatch(c -> c >= 0x20 && c < 0x7f), "clean comment: " + line);
                continue;
            }
            Matcher m = LINE.matcher(line);
            assertTrue(m.matches(), "a clean environment line: " + line);
            values.put(m.group(1), m.group(2));
        }
        MapSettings settings = MapSettings.profile(profile).with("ssrguard.refresh.store", "jdbc")
                .with("ssrguard.guard.paths", "/internal/*");
        for (String property : PROPERTIES) {
            String value = values.remove(environmentName(property));
            assertTrue(value != null && !value.isEmpty(), property + " is printed as " + environmentName(property));
            settings = settings.with(property, value);
        }
        assertTrue(values.isEmpty(), "nothing else: " + values.keySet());
        SettingsReader reader = settings.reader();

        ConfiguredKeyProvider keys = ConfiguredKeyProvider.load(reader);
        TokenKey signing = keys.signingKey();
        assertEquals("ES256", signing.algorithm());
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign((java.security.PrivateKey) signing.signing().orElseThrow());
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify((java.security.PublicKey) signing.verificationKey());
        verifier.update(new byte[] {1, 2, 3});
        assertTrue(verifier.verify(signature), "the private and public halves belong together");

        assertEquals(1, EncryptionKeys.load(reader, true, new SecureRandom()).keys().size());
        RefreshSettings refresh = RefreshSettings.load(reader, new SecureRandom());
        assertArrayEquals(Base64.getDecoder().decode(reader.optional("ssrguard.refresh.secret").orElseThrow()),
                refresh.successorKey().getEncoded(), "the configured secret, not a node-local one");
        GuardSettings guard = GuardSettings.load(reader);
        assertEquals(1, guard.secrets().size());
    }

    @Test
    void printsEverySecretOfTheProfileAsCleanEnvironmentLines() throws Exception {
        Run run = run("secrets", "--profile", "prod");
        assertEquals(0, run.status(), run.err());
        assertEquals("", run.err());
        assertLoadsAsADeploymentWould(run.out(), "prod");
        assertTrue(run.out().startsWith("# SSR Guard secrets for profile prod"), run.out());
        assertLoadsAsADeploymentWould(run("secrets").out(), "prod");
        assertLoadsAsADeploymentWould(run("secrets", "--profile=staging").out(), "staging");
    }

    @Test
    void everyRunMakesNewSecrets() {
        assertNotEquals(run("secrets").out().lines().skip(1).toList(), run("secrets").out().lines().skip(1).toList());
    }

    @Test
    void devNeedsNoSecretAndBadArgumentsGetTheUsage() {
        Run dev = run("secrets", "--profile", "dev");
        assertEquals(0, dev.status());
        assertTrue(dev.out().lines().allMatch(l -> l.startsWith("# ")), dev.out());

        for (String[] args : new String[][] {{}, {"jwks"}, {"secrets", "--profile"}, {"secrets", "--verbose"},
                {"secrets", "--profile", "prod;rm"}}) {
            Run bad = run(args);
            assertEquals(2, bad.status(), String.join(" ", args));
            assertEquals("", bad.out(), "nothing on stdout that could be mistaken for a secret");
            assertTrue(bad.err().contains("usage") || bad.err().contains("profile"), bad.err());
        }
    }

    @Test
    void coordinatesAreAlways32Bytes() {
        SecureRandom random = new SecureRandom();
        Pattern member = Pattern.compile("\"([xyd])\":\"([A-Za-z0-9_-]+)\"");
        for (int i = 0; i < 200; i++) {
            Matcher m = member.matcher(SecretsCommand.es256Jwk(random));
            int found = 0;
            while (m.find()) {
                assertEquals(32, Base64.getUrlDecoder().decode(m.group(2)).length, m.group(1));
                found++;
            }
            assertEquals(3, found);
        }
    }
}
