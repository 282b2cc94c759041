package io.ssrguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsException;
import io.ssrguard.guard.InternalGuard.Verdict;
import org.junit.jupiter.api.Test;

class InternalGuardTest {

    static final String OLD = "old-secret-0123456789abcdef";
    static final String NEW = "new-secret-0123456789abcdef";

    final InternalGuard guard = new InternalGuard(GuardSettings.load(MapSettings.profile("prod")
            .with("ssrguard.guard.paths", "/internal/*,/metrics")
            .with("ssrguard.guard.secrets", NEW + "," + OLD)
            .with("ssrguard.guard.probe-paths", "/internal/health").reader()));

    @Test
    void guardedPathsNeedOneOfTheSecrets() {
        assertEquals(Verdict.NOT_FOUND, guard.decide("/internal/diagnostics", null, "curl/8"));
        assertEquals(Verdict.NOT_FOUND, guard.decide("/internal/diagnostics", NEW + "x", null));
        assertEquals(Verdict.NOT_FOUND, guard.decide("/metrics", "", null));
        assertEquals(Verdict.PASS, guard.decide("/internal/diagnostics", NEW, null));
        assertEquals(Verdict.PASS, guard.decide("/internal", OLD, null), "either secret, during a rotation");
        assertEquals(Verdict.PASS, guard.decide("/internalish", null, null), "not guarded");
        assertEquals(Verdict.PASS, guard.decide("/api/profile", null, null));
    }

    @Test
    void probesGetAStatusOnProbePathsOnly() {
        assertEquals(Verdict.PROBE_STATUS, guard.decide("/internal/health", null, "kube-probe/1.31"));
        assertEquals(Verdict.NOT_FOUND, guard.decide("/internal/diagnostics", null, "kube-probe/1.31"));
        assertEquals(Verdict.NOT_FOUND, guard.decide("/internal/health", null, "Mozilla/5.0 kube-probe/1.31"));
        assertEquals(Verdict.PASS, guard.decide("/internal/health", OLD, "kube-probe/1.31"), "the secret opens details");
    }

    @Test
    void aMissingOrShortSecretStopsTheDeployment() {
        SettingsException missing = assertThrows(SettingsException.class, () -> GuardSettings.load(
                MapSettings.profile("prod").with("ssrguard.guard.paths", "/internal/*").reader()));
        assertTrue(missing.getMessage().contains("ssrguard.guard.secrets"), missing.getMessage());
        assertTrue(missing.getMessage().contains("ssrguard.guard.paths"), missing.getMessage());
        SettingsException weak = assertThrows(SettingsException.class, () -> GuardSettings.load(
                MapSettings.profile("prod").with("ssrguard.guard.secrets", NEW + ",short").reader()));
        assertTrue(weak.getMessage().contains("128 bits"), weak.getMessage());
        assertThrows(SettingsException.class, () -> GuardSettings.load(MapSettings.profile("prod")
                .with("ssrguard.guard.secrets", NEW).with("ssrguard.guard.paths", "internal/*").reader()));
    }

    @Test
    void withoutPathsOrSecretTheDefaultPathsAreClosedToEveryoneButProbes() {
        InternalGuard closed = new InternalGuard(GuardSettings.load(MapSettings.profile("prod")
                .with("ssrguard.guard.probe-paths", "/internal/health").reader()));
        assertEquals(Verdict.NOT_FOUND, closed.decide("/internal/diagnostics", null, null));
        assertEquals(Verdict.NOT_FOUND, closed.decide("/internal/diagnostics", "", null));
        assertEquals(Verdict.NOT_FOUND, closed.decide("/internal/diagnostics", NEW, null), "no secret opens it");
        assertEquals(Verdict.PROBE_STATUS, closed.decide("/internal/health", null, "kube-probe/1.31"));
        assertEquals(Verdict.PASS, closed.decide("/api/profile", null, null));
    }

    @Test
    void anOffGuardGuardsNothing() {
        InternalGuard off = InternalGuard.off();
        assertEquals(false, off.enabled());
        assertEquals(false, off.guards("/internal/diagnostics"));
        assertEquals(Verdict.PASS, off.decide("/internal/diagnostics", null, null));
    }
}
