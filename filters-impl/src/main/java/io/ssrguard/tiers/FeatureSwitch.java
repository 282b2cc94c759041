package io.ssrguard.tiers;

/**
 * Whether a feature is on, and where that decision came from.
 *
 * @param feature  the feature
 * @param enabled  whether it runs
 * @param override true when the application set {@code ssrguard.<feature>.enabled}; false for the profile default
 */
public record FeatureSwitch(Feature feature, boolean enabled, boolean override) {

    /** For the start-up log line: {@code csrf=on (profile default)}. */
    public String describe() {
        return feature.key() + "=" + (enabled ? "on" : "off") + (override ? " (application setting)" : " (profile default)");
    }
}
