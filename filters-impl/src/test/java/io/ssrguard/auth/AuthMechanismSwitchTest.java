package io.ssrguard.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsException;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The switch reads the application's MicroProfile Config (SmallRye here) through the
 * pack's strict parsing, as CDI bootstrap would run it: with the application's class
 * loader as the thread's context class loader.
 */
class AuthMechanismSwitchTest {

    @TempDir
    Path dir;

    private final AtomicBoolean vetoed = new AtomicBoolean();

    @SuppressWarnings("unchecked")
    private ProcessAnnotatedType<CookieAuthenticationMechanism> event() {
        return (ProcessAnnotatedType<CookieAuthenticationMechanism>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ProcessAnnotatedType.class}, (proxy, method, args) -> {
                    if (method.getName().equals("veto")) {
                        vetoed.set(true);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Runs the switch for an application whose microprofile-config.properties holds {@code properties}. */
    private void bootstrap(String properties) throws IOException {
        Path meta = Files.createDirectories(dir.resolve(Long.toString(System.nanoTime())).resolve("META-INF"));
        Files.writeString(meta.resolve("microprofile-config.properties"), properties);
        ClassLoader application = new URLClassLoader(new URL[] {meta.getParent().toUri().toURL()}, getClass().getClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(application);
        try {
            new AuthMechanismSwitch().vetoWhenDisabled(event());
        } finally {
            thread.setContextClassLoader(before);
            ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig(application));
        }
    }

    @AfterEach
    void installedAsByDefault() throws IOException {
        bootstrap("");
    }

    @Test
    void aMisspeltBooleanStopsTheDeploymentInsteadOfReadingAsFalse() {
        SettingsException e = assertThrows(SettingsException.class, () -> bootstrap("ssrguard.auth.enabled=flase\n"));
        assertTrue(e.getMessage().contains("ssrguard.auth.enabled must be true or false, not 'flase'"), e.getMessage());
        assertFalse(vetoed.get());
    }

    @Test
    void falseRemovesTheMechanism() throws IOException {
        bootstrap("ssrguard.auth.enabled=false\n");
        assertTrue(vetoed.get());
        assertDoesNotThrow(() -> AuthMechanismDecision.requireAgreement(AuthSettings.load(MapSettings.profile("prod")
                .with("ssrguard.auth.enabled", "false").reader())));
    }

    @Test
    void theMechanismStaysByDefaultAndWithTrue() throws IOException {
        bootstrap("");
        assertFalse(vetoed.get());
        bootstrap("%prod.ssrguard.auth.enabled=false\nssrguard.auth.enabled=TRUE\n");
        assertFalse(vetoed.get(), "no prod profile is active here");
    }

    @Test
    void startRefusesWebXmlSwitchingOffAMechanismCdiInstalled() throws IOException {
        bootstrap("");
        SettingsException e = assertThrows(SettingsException.class, () -> AuthMechanismDecision.requireAgreement(
                AuthSettings.load(MapSettings.profile("prod").with("ssrguard.auth.enabled", "false").reader())));
        assertTrue(e.getMessage().contains("ssrguard.auth.enabled is false at start but was true when CDI installed"),
                e.getMessage());
        assertDoesNotThrow(() -> AuthMechanismDecision.requireAgreement(AuthSettings.load(MapSettings.profile("prod").reader())));
    }

    @Test
    void theFilterAdapterRemovesTheMechanismWhileAuthenticationStaysOn() throws IOException {
        bootstrap("ssrguard.auth.adapter=filter\n");
        assertTrue(vetoed.get());
        AuthSettings filter = AuthSettings.load(MapSettings.profile("prod").with("ssrguard.auth.adapter", "filter").reader());
        assertTrue(filter.enabled());
        assertFalse(filter.mechanismWanted());
        assertDoesNotThrow(() -> AuthMechanismDecision.requireAgreement(filter));
    }

    @Test
    void theMechanismAdapterKeepsTheMechanism() throws IOException {
        bootstrap("ssrguard.auth.adapter=mechanism\n");
        assertFalse(vetoed.get());
        assertTrue(AuthSettings.load(MapSettings.profile("prod").reader()).mechanismWanted());
    }

    @Test
    void anUnknownAdapterStopsTheDeploymentNamingTheSetting() {
        SettingsException e = assertThrows(SettingsException.class, () -> bootstrap("ssrguard.auth.adapter=filters\n"));
        assertTrue(e.getMessage().contains("ssrguard.auth.adapter must be mechanism or filter, not 'filters'"),
                e.getMessage());
        assertFalse(vetoed.get());
    }

    @Test
    void startRefusesWebXmlChoosingAnotherAdapterThanCdiDid() throws IOException {
        bootstrap("");
        SettingsException e = assertThrows(SettingsException.class, () -> AuthMechanismDecision.requireAgreement(
                AuthSettings.load(MapSettings.profile("prod").with("ssrguard.auth.adapter", "filter").reader())));
        assertTrue(e.getMessage().contains("ssrguard.auth.adapter is filter at start but was mechanism when CDI"),
                e.getMessage());
        bootstrap("ssrguard.auth.adapter=filter\n");
        e = assertThrows(SettingsException.class, () -> AuthMechanismDecision.requireAgreement(
                AuthSettings.load(MapSettings.profile("prod").reader())));
        assertTrue(e.getMessage().contains("ssrguard.auth.adapter is mechanism at start but was filter when CDI"),
                e.getMessage());
    }

    @Test
    void theAdapterDoesNotMatterWhileAuthenticationIsOff() throws IOException {
        bootstrap("ssrguard.auth.enabled=false\nssrguard.auth.adapter=filter\n");
        assertTrue(vetoed.get());
        assertDoesNotThrow(() -> AuthMechanismDecision.requireAgreement(AuthSettings.load(MapSettings.profile("prod")
                .with("ssrguard.auth.enabled", "false").reader())));
    }
}
