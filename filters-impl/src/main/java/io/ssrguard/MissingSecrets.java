package io.ssrguard;

import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.guard.GuardSettings;
import io.ssrguard.keys.ConfiguredKeyProvider;
import io.ssrguard.keys.EncryptionKeys;
import io.ssrguard.refresh.RefreshSettings;
import io.ssrguard.tiers.EnvironmentTiers;
import io.ssrguard.tiers.Feature;
import java.util.ArrayList;
import java.util.List;

/**
 * Names every missing secret of a deployment in one message, before the features load and each
 * refuses on its own: without it, a deployment lacking three secrets fails three times in a row,
 * one restart per secret. Each rule stays with its feature (its {@code missing...} method, which
 * the feature's loader also uses); this class only asks them all.
 */
final class MissingSecrets {

    private MissingSecrets() {
    }

    /**
     * @param keysFromVault whether a {@code KeyProvider} supplies the signing keys instead of the settings
     * @throws SettingsException naming every missing secret, when any is missing
     */
    static void check(SettingsReader settings, EnvironmentTiers tiers, boolean keysFromVault) {
        List<String> missing = new ArrayList<>();
        if (!keysFromVault) {
            ConfiguredKeyProvider.missingKey(settings).ifPresent(missing::add);
        }
        EncryptionKeys.missingKey(settings, tiers.enabled(Feature.CSRF)).ifPresent(missing::add);
        RefreshSettings.missingSecret(settings).ifPresent(missing::add);
        GuardSettings.missingSecret(settings, tiers.enabled(Feature.GUARD)).ifPresent(missing::add);
        if (missing.size() == 1) {
            throw new SettingsException(missing.get(0));
        }
        if (missing.size() > 1) {
            StringBuilder message = new StringBuilder(missing.size() + " secrets are missing (profile "
                    + settings.profileName() + "); set all of them, for example from the output of"
                    + " 'java -jar filters-impl-<version>.jar secrets --profile " + settings.profileName() + "':");
            for (int i = 0; i < missing.size(); i++) {
                message.append(" (").append(i + 1).append(") ").append(missing.get(i));
            }
            throw new SettingsException(message.toString());
        }
    }
}
