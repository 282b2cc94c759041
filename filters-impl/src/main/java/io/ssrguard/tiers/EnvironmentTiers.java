package io.ssrguard.tiers;

import io.ssrguard.config.SettingsReader;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The per-profile defaults of every feature switch, as the tier table of
 * {@code docs/tiers.md} documents them, and the switches in force once the application's own settings
 * are applied. A profile the table does not name (or none) gets the
 * {@code prod} row: the safe default for a public site.
 *
 * <pre>
 * profile | CSRF | gate | CSP | guard | headers | auth | OIDC | passkeys
 * dev     | off  | off  | off | off   | off     | on   | off  | off
 * docker  | off  | on   | off | on    | on      | on   | off  | off
 * test    | on   | on   | on  | on    | on      | on   | off  | off
 * prod    | on   | off  | on  | on    | on      | on   | off  | off
 * </pre>
 *
 * Authentication, OpenID Connect and passkeys have the same default in every profile; they are
 * here so that every {@code ssrguard.<feature>.enabled} is decided by the same rule.
 */
public final class EnvironmentTiers {

    private static final Map<String, Set<Feature>> ON_BY_PROFILE = Map.of(
            "dev", EnumSet.of(Feature.AUTH),
            "docker", EnumSet.of(Feature.GATE, Feature.GUARD, Feature.HEADERS, Feature.AUTH),
            "test", EnumSet.of(Feature.CSRF, Feature.GATE, Feature.CSP, Feature.GUARD, Feature.HEADERS, Feature.AUTH),
            "prod", EnumSet.of(Feature.CSRF, Feature.CSP, Feature.GUARD, Feature.HEADERS, Feature.AUTH));

    private final Map<Feature, FeatureSwitch> switches;
    private final String profile;

    private EnvironmentTiers(String profile, Map<Feature, FeatureSwitch> switches) {
        this.profile = profile;
        this.switches = switches;
    }

    /** Applies the application's {@code ssrguard.<feature>.enabled} settings over the profile's defaults. */
    public static EnvironmentTiers load(SettingsReader settings) {
        Map<Feature, FeatureSwitch> switches = new EnumMap<>(Feature.class);
        for (Feature f : Feature.values()) {
            switches.put(f, switchOf(settings, f));
        }
        return new EnvironmentTiers(settings.profileName(), switches);
    }

    /**
     * The one rule that decides whether a feature is on: the profile's row of the tier table,
     * overridden by {@code ssrguard.<feature>.enabled} read through every settings layer (strict
     * {@code true}/{@code false}). Feature settings ask this rather than reading the property.
     */
    public static FeatureSwitch switchOf(SettingsReader settings, Feature feature) {
        boolean byDefault = ON_BY_PROFILE.getOrDefault(settings.profileName(), ON_BY_PROFILE.get("prod")).contains(feature);
        boolean override = settings.optional(feature.enabledProperty()).isPresent();
        return new FeatureSwitch(feature, settings.bool(feature.enabledProperty(), byDefault), override);
    }

    public boolean enabled(Feature feature) {
        return switches.get(feature).enabled();
    }

    /** One line for the start-up log: every feature, on or off, and why. */
    public String describe() {
        return "profile " + profile + ": " + switches.values().stream().map(FeatureSwitch::describe)
                .collect(Collectors.joining(", "));
    }
}
