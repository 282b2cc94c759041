package io.ssrguard.it.payara;

import java.io.IOException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link StoreOutageScenario} on a pool that does not validate connections (as an operator may
 * create it): the pool would hand out the connections the outage killed forever; the store aborts
 * each one that fails, so the pool replaces them and the application recovers without a restart.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UnvalidatedPoolOutageIT extends StoreOutageScenario {

    @Deployment(testable = false)
    static WebArchive deployment() throws IOException {
        return deployment(false);
    }
}
