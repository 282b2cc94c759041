package io.ssrguard.tiers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.MapSettings;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnvironmentTiersTest {

    static final Map<String, Set<Feature>> DESIGN_TABLE = Map.of(
            "dev", EnumSet.of(Feature.AUTH),
            "docker", EnumSet.of(Feature.GATE, Feature.GUARD, Feature.HEADERS, Feature.AUTH),
            "test", EnumSet.of(Feature.CSRF, Feature.GATE, Feature.CSP, Feature.GUARD, Feature.HEADERS, Feature.AUTH),
            "prod", EnumSet.of(Feature.CSRF, Feature.CSP, Feature.GUARD, Feature.HEADERS, Feature.AUTH));

    @Test
    void everyProfileGetsTheDesignsDefaults() {
        DESIGN_TABLE.forEach((profile, on) -> {
            EnvironmentTiers tiers = EnvironmentTiers.load(MapSettings.profile(profile).reader());
            for (Feature f : Feature.values()) {
                assertEquals(on.contains(f), tiers.enabled(f), profile + " " + f);
            }
        });
    }

    @Test
    void noOrUnknownProfileGetsTheProductionRow() {
        for (String profile : new String[] {null, "staging-eu"}) {
            EnvironmentTiers tiers = EnvironmentTiers.load(MapSettings.profile(profile).reader());
            for (Feature f : Feature.values()) {
                assertEquals(DESIGN_TABLE.get("prod").contains(f), tiers.enabled(f), profile + " " + f);
            }
        }
    }

    @Test
    void applicationSettingsOverrideAndTheLogLineSaysWhere() {
        EnvironmentTiers tiers = EnvironmentTiers.load(MapSettings.profile("prod")
                .with("ssrguard.gate.enabled", "true").with("ssrguard.csrf.enabled", "false").reader());
        assertTrue(tiers.enabled(Feature.GATE));
        assertEquals(false, tiers.enabled(Feature.CSRF));
        String line = tiers.describe();
        assertTrue(line.contains("profile prod"), line);
        assertTrue(line.contains("gate=on (application setting)"), line);
        assertTrue(line.contains("csrf=off (application setting)"), line);
        assertTrue(line.contains("csp=on (profile default)"), line);
        assertTrue(line.contains("auth=on (profile default), oidc=off (profile default), passkeys=off (profile default)"),
                line);
    }
}
