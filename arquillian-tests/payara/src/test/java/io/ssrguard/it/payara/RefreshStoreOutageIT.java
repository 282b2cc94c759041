package io.ssrguard.it.payara;

import java.io.IOException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link StoreOutageScenario} on a pool that validates connections, as README asks of production pools. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RefreshStoreOutageIT extends StoreOutageScenario {

    @Deployment(testable = false)
    static WebArchive deployment() throws IOException {
        return deployment(true);
    }
}
