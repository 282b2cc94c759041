package io.ssrguard.it.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import io.ssrguard.it.HttpSession;
import io.ssrguard.it.SampleDeployment;
import io.ssrguard.it.TestKeys;
import io.ssrguard.it.tomcat.app.ExtensionCallsServlet;
import io.ssrguard.it.tomcat.app.FixedPolicySource;
import io.ssrguard.it.tomcat.app.FixedVault;
import io.ssrguard.it.tomcat.app.MapRefreshStore;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tomcat only (the ServiceLoader look-up is the same everywhere, Tomcat deploys in a
 * second): one application brings its own KeyProvider, RefreshTokenStore and
 * PolicySource, written against filters-api and registered in META-INF/services.
 * The key provider supplies the signing key, the AES key of the CSRF tokens and the
 * guard secret (none of them is configured); sign-in, refresh and sign-out go through
 * the application's store; the CSP header carries the application's policy. The
 * settings also choose built-in ones ({@code ssrguard.refresh.store=jdbc}, which on
 * Tomcat has no DataSource, and the sample's {@code ssrguard.csp.source=config}):
 * the application's win, and the start-up log names them and the ignored settings.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApplicationExtensionsIT {

    private static final String REFRESH_COOKIE = "__Secure-ssrguard-rt";
    /** The deployment starts before the first test: the log is captured from the archive's creation on. */
    private static CapturedLog startup;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        startup = CapturedLog.start();
        // The embedded Tomcat shares this JVM: the vault reads its AES key from here.
        System.setProperty(FixedVault.AES_PROPERTY, TestKeys.CSRF_KEY);
        Map<String, String> settings = SampleDeployment.testSettings();
        settings.remove("ssrguard.keys.jwks");
        settings.remove("ssrguard.csrf.keys");
        settings.remove("ssrguard.guard.secrets");
        settings.put("ssrguard.refresh.store", "jdbc");
        settings.put("ssrguard.refresh.secret", "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=");
        return SampleDeployment.withSettings("extensions.war", settings)
                .addPackage(FixedVault.class.getPackage())
                .addAsWebInfResource(new StringAsset(FixedVault.class.getName() + "\n"),
                        "classes/META-INF/services/io.ssrguard.keys.KeyProvider")
                .addAsWebInfResource(new StringAsset(MapRefreshStore.class.getName() + "\n"),
                        "classes/META-INF/services/io.ssrguard.refresh.RefreshTokenStore")
                .addAsWebInfResource(new StringAsset(FixedPolicySource.class.getName() + "\n"),
                        "classes/META-INF/services/io.ssrguard.csp.PolicySource");
    }

    @AfterAll
    static void stopCapturing() {
        startup.close();
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

    @Test
    void signInRefreshAndSignOutGoThroughTheApplicationsStore() throws Exception {
        HttpSession observer = signedIn();
        HttpSession alice = new HttpSession(base.toURI());
        Map<String, Integer> before = calls(observer);
        assertEquals(200, alice.login("alice", "alice123").statusCode());
        Map<String, Integer> signedIn = calls(observer);
        assertEquals(1, delta(before, signedIn, "store.create"), "the sign-in started its family there");

        String first = alice.cookie(REFRESH_COOKIE);
        assertEquals(200, alice.post("auth/refresh", "application/json", "").statusCode());
        Map<String, Integer> refreshed = calls(observer);
        assertEquals(1, delta(signedIn, refreshed, "store.rotate"), "the rotation happened there");
        assertTrue(delta(signedIn, refreshed, "store.find") >= 1, "the presented token was looked up there");
        String second = alice.cookie(REFRESH_COOKIE);
        assertTrue(second != null && !second.equals(first), "a new refresh token");

        assertEquals(200, alice.post("auth/logout", "application/json", "").statusCode());
        assertEquals(1, delta(refreshed, calls(observer), "store.revokeFamily"), "the sign-out revoked the family there");

        HttpSession replay = new HttpSession(base.toURI()).cookie(REFRESH_COOKIE, second);
        assertEquals(401, replay.post("auth/refresh", "application/json", "").statusCode(),
                "the store answers that the family is revoked");
    }

    @Test
    void theCspHeaderCarriesTheApplicationsPolicy() throws Exception {
        HttpSession visitor = new HttpSession(base.toURI());
        HttpResponse<String> page = visitor.get("login");
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.startsWith("default-src 'self'; img-src 'self' " + FixedPolicySource.MARK), csp);
        assertTrue(calls(signedIn()).getOrDefault("source.fetch", 0) >= 1, "fetched from the source");
    }

    @Test
    void theStartUpLogNamesTheApplicationsExtensionsAndTheSettingsTheyOverride() {
        assertTrue(startup.first("SSR Guard refresh tokens: the application's store").contains(MapRefreshStore.class.getName()));
        String storeWarning = startup.first("SSR Guard: the application registers its own refresh-token store");
        assertTrue(storeWarning.contains("[ssrguard.refresh.store]") && storeWarning.contains("ignored"), storeWarning);
        assertTrue(startup.first("SSR Guard CSP: on, the application's source " + FixedPolicySource.class.getName())
                .contains("fixed test policy"));
        assertTrue(startup.first("SSR Guard CSP: the application registers its own policy source "
                + FixedPolicySource.class.getName()).contains("ssrguard.csp.source is ignored"));
        assertTrue(startup.first("SSR Guard keys and secrets come from").contains(FixedVault.class.getName()));
    }

    /** A signed-in session, to read the counts with (the test profile's gate keeps visitors out). */
    private HttpSession signedIn() throws Exception {
        HttpSession session = new HttpSession(base.toURI());
        assertEquals(200, session.login("alice", "alice123").statusCode());
        return session;
    }

    /** The application's count of the pack's calls to its store and source, read through its own servlet. */
    private static Map<String, Integer> calls(HttpSession session) {
        HttpResponse<String> report = session.get(ExtensionCallsServlet.PATH.substring(1));
        assertEquals(200, report.statusCode(), report.body());
        return Arrays.stream(report.body().split("\n")).filter(l -> l.contains("="))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')),
                        l -> Integer.parseInt(l.substring(l.indexOf('=') + 1))));
    }

    private static int delta(Map<String, Integer> before, Map<String, Integer> after, String method) {
        return after.getOrDefault(method, 0) - before.getOrDefault(method, 0);
    }
}
