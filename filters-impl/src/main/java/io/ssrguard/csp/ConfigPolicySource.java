package io.ssrguard.csp;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The policy from a configuration property, read again on every refresh so that
 * a dynamic MicroProfile Config source (a database- or Consul-backed one, a
 * changed environment on a reload) takes effect without a restart.
 */
public final class ConfigPolicySource implements PolicySource {

    private final String property;
    private final Supplier<Optional<String>> value;

    /**
     * @param property the property name, for messages
     * @param value    reads the property's current value; called once per refresh
     */
    public ConfigPolicySource(String property, Supplier<Optional<String>> value) {
        this.property = property;
        this.value = value;
    }

    @Override
    public PolicyFetch fetch(String knownVersion) throws PolicySourceException {
        String policy = value.get().orElseThrow(() -> new PolicySourceException(property + " is not set"));
        return PolicyFetch.loaded(policy, null);
    }

    @Override
    public String description() {
        return "config " + property;
    }
}
