package io.ssrguard.it.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tomcat only: sign-in checked by the container realm
 * ({@code HttpServletRequest.login}) instead of a CredentialValidator, with
 * the caller's groups learned by probing the roles the access rules name.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RealmSignInIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() throws IOException {
        Path users = Files.createTempFile("realm-users", ".xml");
        Files.writeString(users, """
                <tomcat-users>
                  <role rolename="user"/><role rolename="admin"/>
                  <user username="carol" password="carol-pass" roles="user"/>
                  <user username="dave" password="dave-pass" roles="user,admin"/>
                </tomcat-users>
                """);
        users.toFile().deleteOnExit();
        String settings = """
                config_ordinal=500
                mp.config.profile=test
                ssrguard.keys.jwks={"keys":[%s]}
                ssrguard.auth.credentials=realm
                ssrguard.guard.secrets=%s
                """.formatted(io.ssrguard.it.TestKeys.SIGNING.toJSONString(), io.ssrguard.it.SampleDeployment.GUARD_SECRET);
        JavaArchive overlay = ShrinkWrap.create(JavaArchive.class, "ssrguard-test-settings.jar")
                .addAsManifestResource(new StringAsset(settings), "microprofile-config.properties");
        File war = new File(System.getProperty("ssrguard.sampleWar"));
        return ShrinkWrap.create(WebArchive.class, "realm.war")
                .merge(ShrinkWrap.createFromZipFile(WebArchive.class, war))
                .addAsLibrary(overlay)
                .addAsManifestResource(new StringAsset("<Context><Realm className=\"org.apache.catalina.realm.MemoryRealm\""
                        + " pathname=\"" + users.toAbsolutePath() + "\"/></Context>"), "context.xml");
    }

    @Test
    void realmUsersSignInAndGetTheirRoles() throws Exception {
        assertEquals(401, send(login("carol", "wrong"), null).statusCode());
        assertEquals(401, send(login("alice", "alice123"), null).statusCode(), "the validator is not consulted in realm mode");

        HttpResponse<String> carol = send(login("carol", "carol-pass"), null);
        assertEquals(200, carol.statusCode(), carol.body());
        assertEquals("{\"name\":\"carol\",\"groups\":[\"user\"]}", carol.body());
        String carolCookie = accessCookie(carol);
        assertEquals(200, send(get("api/profile"), carolCookie).statusCode());
        assertEquals(403, send(get("api/admin"), carolCookie).statusCode());

        HttpResponse<String> dave = send(login("dave", "dave-pass"), null);
        assertEquals("{\"name\":\"dave\",\"groups\":[\"admin\",\"user\"]}", dave.body());
        assertEquals(200, send(get("api/admin"), accessCookie(dave)).statusCode());
    }

    private HttpRequest.Builder login(String user, String password) throws Exception {
        return HttpRequest.newBuilder(base.toURI().resolve("auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}"));
    }

    private HttpRequest.Builder get(String path) throws Exception {
        URI uri = base.toURI().resolve(path);
        return HttpRequest.newBuilder(uri).GET();
    }

    private static String accessCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("__Secure-ssrguard-at="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new AssertionError("no access cookie: " + response.headers()));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String cookie) {
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
