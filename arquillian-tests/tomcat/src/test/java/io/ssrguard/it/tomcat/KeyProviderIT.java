package io.ssrguard.it.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import io.ssrguard.it.HttpSession;
import io.ssrguard.it.SampleDeployment;
import io.ssrguard.it.TestKeys;
import io.ssrguard.it.tomcat.vault.FixedVault;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tomcat only (the mechanism is the same everywhere, Tomcat deploys in a
 * second): an application's own KeyProvider, registered with the
 * ServiceLoader, supplies the signing key, the AES key of the CSRF tokens and
 * the guard secret; a test-profile deployment with none of them configured
 * starts and works.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class KeyProviderIT {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        // The embedded Tomcat shares this JVM: the vault reads its AES key from here.
        System.setProperty(FixedVault.AES_PROPERTY, TestKeys.CSRF_KEY);
        Map<String, String> settings = SampleDeployment.testSettings();
        settings.remove("ssrguard.keys.jwks");
        settings.remove("ssrguard.csrf.keys");
        settings.remove("ssrguard.guard.secrets");
        return SampleDeployment.withSettings("vault.war", settings)
                .addClass(FixedVault.class)
                .addAsWebInfResource(new StringAsset(FixedVault.class.getName() + "\n"),
                        "classes/META-INF/services/io.ssrguard.keys.KeyProvider");
    }

    @Test
    void keysAndSecretsComeFromTheApplicationsProvider() throws Exception {
        HttpSession alice = new HttpSession(base.toURI());
        HttpResponse<String> login = alice.login("alice", "alice123");
        assertEquals(200, login.statusCode(), "CSRF tokens under the vault's AES key: " + login.body());
        assertEquals("vault-es256", SignedJWT.parse(alice.cookie("__Secure-ssrguard-at")).getHeader().getKeyID(),
                "signed with the vault's key");
        assertEquals(200, alice.get("api/profile").statusCode());
        HttpResponse<String> diagnostics = alice.send(alice.request("internal/diagnostics")
                .header("X-Internal-Secret", FixedVault.GUARD_SECRET));
        assertEquals(200, diagnostics.statusCode(), "the guard secret from the vault");
        assertTrue(diagnostics.body().contains("uptimeMillis"));
        assertEquals(404, alice.get("internal/diagnostics").statusCode(), "and without it, nothing");
    }
}
