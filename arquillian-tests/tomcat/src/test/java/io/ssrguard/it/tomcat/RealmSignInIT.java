package io.ssrguard.it.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ssrguard.it.HttpSession;
import io.ssrguard.it.SampleDeployment;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Tomcat only: sign-in checked by the container realm
 * ({@code HttpServletRequest.login}) instead of a CredentialValidator, with
 * the caller's groups learned by probing the roles the access rules name.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RealmSignInIT {

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
        return SampleDeployment.testDeployment("realm.war", Map.of("ssrguard.auth.credentials", "realm"))
                .addAsManifestResource(new StringAsset("<Context><Realm className=\"org.apache.catalina.realm.MemoryRealm\""
                        + " pathname=\"" + users.toAbsolutePath() + "\"/></Context>"), "context.xml");
    }

    HttpSession browser() throws Exception {
        return new HttpSession(base.toURI());
    }

    @Test
    void realmUsersSignInAndGetTheirRoles() throws Exception {
        assertEquals(401, browser().login("carol", "wrong").statusCode());
        assertEquals(401, browser().login("alice", "alice123").statusCode(), "the validator is not consulted in realm mode");

        HttpSession carol = browser();
        HttpResponse<String> login = carol.login("carol", "carol-pass");
        assertEquals(200, login.statusCode(), login.body());
        assertEquals("{\"name\":\"carol\",\"groups\":[\"user\"]}", login.body());
        assertEquals(200, carol.get("api/profile").statusCode());
        assertEquals(403, carol.get("api/admin").statusCode());

        HttpSession dave = browser();
        assertEquals("{\"name\":\"dave\",\"groups\":[\"admin\",\"user\"]}", dave.login("dave", "dave-pass").body());
        assertEquals(200, dave.get("api/admin").statusCode());
    }
}
