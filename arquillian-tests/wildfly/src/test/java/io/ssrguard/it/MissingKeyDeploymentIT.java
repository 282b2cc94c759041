package io.ssrguard.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fail fast on WildFly: the sample WAR in the {@code test} profile with no
 * signing key, or with CSRF on and no CSRF key, must not deploy, and the server
 * log must say which setting to fix. The deployments are unmanaged so that the
 * test itself deploys them and sees the failure.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MissingKeyDeploymentIT {

    private static final String NO_KEY = "missing-key";
    private static final String NO_CSRF_KEY = "missing-csrf-key";
    private static final String MISSPELT_SWITCH = "misspelt-auth-switch";
    private static final String INTEGRATED_JASPI = "integrated-jaspi";
    private static final String FILTER_NOT_DECLARED = "filter-mode-without-filter";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = NO_KEY, managed = false, testable = false)
    static WebArchive deployment() {
        return SampleDeployment.withSettings(NO_KEY + ".war", Map.of("mp.config.profile", "test"));
    }

    @Deployment(name = NO_CSRF_KEY, managed = false, testable = false)
    static WebArchive noCsrfKey() {
        Map<String, String> settings = SampleDeployment.testSettings();
        settings.remove("ssrguard.csrf.keys");
        return SampleDeployment.withSettings(NO_CSRF_KEY + ".war", settings);
    }

    @Deployment(name = MISSPELT_SWITCH, managed = false, testable = false)
    static WebArchive misspeltAuthSwitch() {
        return SampleDeployment.testDeployment(MISSPELT_SWITCH + ".war", Map.of("ssrguard.auth.enabled", "flase"));
    }

    /** Filter mode with the mechanism-mode web.xml: no AuthFilter declared, so nothing would authenticate. */
    @Deployment(name = FILTER_NOT_DECLARED, managed = false, testable = false)
    static WebArchive filterModeWithoutTheFilter() {
        return SampleDeployment.testDeployment(FILTER_NOT_DECLARED + ".war", Map.of("ssrguard.auth.adapter", "filter"));
    }

    @Test
    void theFilterModeWithoutADeclaredAuthFilterFailsNamingTheSettingAndTheFilter() throws Exception {
        assertDeploymentFailsNaming(FILTER_NOT_DECLARED, "ssrguard.auth.adapter",
                "ssrguard.auth.adapter=filter, but io.ssrguard.auth.AuthFilter is not declared in web.xml");
    }

    /** The sample in a security domain the build leaves at WildFly's default, integrated JASPI on. */
    @Deployment(name = INTEGRATED_JASPI, managed = false, testable = false)
    static WebArchive integratedJaspi() {
        return SampleDeployment.testDeployment(INTEGRATED_JASPI + ".war", Map.of())
                .addAsWebInfResource(new org.jboss.shrinkwrap.api.asset.StringAsset(
                        "<jboss-web><security-domain>integrated-jaspi-on</security-domain></jboss-web>"), "jboss-web.xml");
    }

    @Test
    void aSecurityDomainWithIntegratedJaspiOnStopsTheDeploymentWithTheCliLine() throws Exception {
        assertDeploymentFailsNaming(INTEGRATED_JASPI, "integrated-jaspi",
                "application-security-domain 'integrated-jaspi-on' has integrated-jaspi=true",
                "/subsystem=undertow/application-security-domain=integrated-jaspi-on:write-attribute(name=integrated-jaspi,value=false)");
    }

    @Test
    void deploymentWithoutKeyOutsideDevFailsNamingTheSetting() throws Exception {
        assertDeploymentFailsNaming(NO_KEY, "ssrguard.keys.jwks", "profile test");
    }

    @Test
    void csrfWithoutAKeyFailsNamingTheSetting() throws Exception {
        assertDeploymentFailsNaming(NO_CSRF_KEY, "ssrguard.csrf.keys", "profile test",
                "CSRF protection is on but no encryption key is configured");
    }

    /** Decided at CDI bootstrap, before the pack starts: a misspelt value must not read as false there either. */
    @Test
    void aMisspeltAuthSwitchFailsInsteadOfRemovingTheMechanism() throws Exception {
        assertDeploymentFailsNaming(MISSPELT_SWITCH, "ssrguard.auth.enabled",
                "ssrguard.auth.enabled must be true or false, not 'flase'",
                "[io.ssrguard.auth.AuthMechanismSwitch]"); // refused by the CDI extension, not only later at start
    }

    private void assertDeploymentFailsNaming(String deployment, String property, String... moreInTheLog) throws Exception {
        ServerLog log = ServerLog.fromNow();

        Exception failure = assertThrows(Exception.class, () -> deployer.deploy(deployment),
                "the deployment must fail");

        String output = log.sinceMark();
        assertTrue(output.contains("SSR Guard cannot start, deployment stopped"), "our message is logged:\n" + output);
        assertTrue(output.contains(property), "it names the property");
        for (String part : moreInTheLog) {
            assertTrue(output.contains(part), "'" + part + "' in the log");
        }
        assertTrue(messages(failure).contains(property),
                "the deployment failure reported to the deployer names the property: " + messages(failure));
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }
}
