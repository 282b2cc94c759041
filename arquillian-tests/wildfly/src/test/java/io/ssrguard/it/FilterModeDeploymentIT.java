package io.ssrguard.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sample in filter mode on WildFly ({@code ssrguard.auth.adapter=filter}): no Jakarta Security
 * mechanism is installed and {@code AuthFilter} authenticates as on Tomcat. Unmanaged, so that the
 * test deploys it itself and reads the server log.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FilterModeDeploymentIT {

    private static final String NAME = "filter-mode";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = NAME, managed = false, testable = false)
    static WebArchive deployment() {
        return SampleDeployment.inFilterModeWithJaxRs(NAME + ".war");
    }

    @Test
    void authFilterAuthenticatesWithoutTheMechanism() throws Exception {
        ServerLog log = ServerLog.fromNow();
        deployer.deploy(NAME);
        try {
            assertTrue(log.sinceMark().contains(FilterModeChecks.NO_MECHANISM_LOGGED), "the mechanism is vetoed");
            /* arquillian.xml's jboss.http.port. */
            URI base = URI.create("http://127.0.0.1:28080/" + NAME + "/");
            FilterModeChecks.authenticatesAndRefusesAsTheMechanismMode(base);
            FilterModeChecks.jaxRsSeesTheCaller(base);
        } finally {
            deployer.undeploy(NAME);
        }
    }
}
