package io.ssrguard.it.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.it.HttpSession;
import io.ssrguard.it.SampleDeployment;
import io.ssrguard.it.TestKeys;
import java.io.File;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tomcat only: a WAR without any MicroProfile Config on its class path takes
 * every setting from web.xml (filter init-params and context-params). It also
 * signs with an EdDSA (Ed25519) key, so that algorithm is exercised in a real
 * container too (the other deployments sign with ES256).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WebXmlSettingsIT {

    /** A fresh Ed25519 key set (RFC 8037 OKP JWK), made with the JDK alone. */
    static final String ED25519_JWKS = ed25519Jwks();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "plain.war")
                .merge(ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.sampleWar"))));
        for (ArchivePath path : war.getContent().keySet()) {
            String name = path.get();
            if (name.startsWith("/WEB-INF/lib/") && (name.contains("smallrye") || name.contains("microprofile")
                    || name.contains("jboss-logging") || name.contains("asm-"))) {
                war.delete(path);
            }
        }
        String webXml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <context-param>
                    <param-name>mp.config.profile</param-name><param-value>test</param-value>
                  </context-param>
                  <context-param>
                    <param-name>ssrguard.keys.jwks</param-name><param-value>%s</param-value>
                  </context-param>
                  <context-param>
                    <param-name>ssrguard.auth.algorithms</param-name><param-value>EdDSA</param-value>
                  </context-param>
                  <context-param>
                    <param-name>ssrguard.guard.secrets</param-name><param-value>%s</param-value>
                  </context-param>
                  <context-param>
                    <param-name>ssrguard.csrf.keys</param-name><param-value>%s</param-value>
                  </context-param>
                  <filter>
                    <filter-name>ssrguard-auth</filter-name>
                    <filter-class>io.ssrguard.auth.AuthFilter</filter-class>
                    <init-param>
                      <param-name>ssrguard.auth.constraints</param-name>
                      <param-value>/api/profile=user,/api/admin=admin</param-value>
                    </init-param>
                    <init-param>
                      <param-name>ssrguard.auth.cookie-name</param-name><param-value>webxml-at</param-value>
                    </init-param>
                  </filter>
                  <filter-mapping><filter-name>ssrguard-auth</filter-name><url-pattern>/*</url-pattern></filter-mapping>
                </web-app>
                """.formatted(ED25519_JWKS.replace("&", "&amp;").replace("<", "&lt;"),
                        SampleDeployment.GUARD_SECRET, TestKeys.CSRF_KEY);
        return war.setWebXML(new StringAsset(webXml));
    }

    @Test
    void settingsComeFromWebXmlWhenNoMicroProfileConfigIsBundled() throws Exception {
        HttpSession alice = new HttpSession(base.toURI());
        HttpResponse<String> login = alice.login("alice", "alice123");
        assertEquals(200, login.statusCode(), login.body());
        String setCookie = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.contains("-at=")).findFirst().orElseThrow();
        assertTrue(setCookie.startsWith("__Secure-webxml-at="), "cookie name from the init-param, Secure from the test profile: " + setCookie);
        String jwt = setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
        String header = new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))), StandardCharsets.UTF_8);
        assertTrue(header.contains("\"alg\":\"EdDSA\"") && header.contains("\"kid\":\"it-ed25519\""),
                "signed with the Ed25519 key from web.xml: " + header);

        assertEquals(200, alice.get("api/profile").statusCode());
        assertEquals(403, alice.get("api/admin").statusCode());
        assertEquals(401, new HttpSession(base.toURI()).get("api/profile").statusCode());
    }

    private static String ed25519Jwks() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            // The raw 32-byte keys are the tails of the fixed-length X.509 and PKCS#8 encodings.
            byte[] publicKey = pair.getPublic().getEncoded();
            byte[] privateKey = pair.getPrivate().getEncoded();
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String x = b64.encodeToString(Arrays.copyOfRange(publicKey, publicKey.length - 32, publicKey.length));
            String d = b64.encodeToString(Arrays.copyOfRange(privateKey, privateKey.length - 32, privateKey.length));
            return "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"alg\":\"EdDSA\",\"kid\":\"it-ed25519\",\"x\":\""
                    + x + "\",\"d\":\"" + d + "\"}]}";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
