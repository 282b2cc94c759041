package io.ssrguard.oidc;

import java.util.Optional;

/** Where the provider's configuration and keys come from: {@link ProviderDiscovery}, or a fixed one in tests. */
public interface ProviderSource {

    /** The provider as last loaded, or empty while no load has succeeded yet. */
    Optional<DiscoveredProvider> current();

    /** The provider with fresher keys, for a token naming a key the known ones lack (rate-limited). */
    Optional<DiscoveredProvider> reloadKeys();
}
