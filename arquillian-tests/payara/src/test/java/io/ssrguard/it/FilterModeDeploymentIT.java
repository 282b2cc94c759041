package io.ssrguard.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.Test;

/**
 * The sample in filter mode on Payara ({@code ssrguard.auth.adapter=filter}): no Jakarta Security
 * mechanism is installed and {@code AuthFilter} authenticates as on Tomcat. A plain process
 * rather than Arquillian, so that the test can read the server's log.
 */
class FilterModeDeploymentIT {

    @Test
    void authFilterAuthenticatesWithoutTheMechanism() throws Exception {
        Path war = Files.createTempFile("filter-mode", ".war");
        SampleDeployment.inFilterModeWithJaxRs("filter-mode.war").as(ZipExporter.class).exportTo(war.toFile(), true);
        try (PayaraMicroProcess payara = PayaraMicroProcess.start(war, "--nohazelcast", "--contextroot", "/")) {
            String output = payara.awaitStartup();
            assertTrue(output.contains(FilterModeChecks.NO_MECHANISM_LOGGED), "the mechanism is vetoed:\n" + output);

            FilterModeChecks.authenticatesAndRefusesAsTheMechanismMode(payara.base());
            FilterModeChecks.jaxRsSeesTheCaller(payara.base());

            assertFalse(payara.log().contains("CookieAuthenticationMechanism"), "the mechanism never ran");
        } finally {
            Files.deleteIfExists(war);
        }
    }
}
