package io.ssrguard.csp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The policy from a configuration property (and policies by path pattern from
 * {@code ssrguard.csp.paths}), read again on every refresh so that
 * a dynamic MicroProfile Config source (a database- or Consul-backed one, a
 * changed environment on a reload) takes effect without a restart.
 */
public final class ConfigPolicySource implements PolicySource {

    private final String property;
    private final Supplier<Optional<String>> value;
    private final Supplier<Map<String, String>> paths;

    /**
     * @param property the property name, for messages
     * @param value    reads the property's current value; called once per refresh
     */
    public ConfigPolicySource(String property, Supplier<Optional<String>> value) {
        this(property, value, Map::of);
    }

    /**
     * @param property the property name, for messages
     * @param value    reads the property's current value; called once per refresh
     * @param paths    reads the current policies by path pattern; called once per refresh
     */
    public ConfigPolicySource(String property, Supplier<Optional<String>> value, Supplier<Map<String, String>> paths) {
        this.property = property;
        this.value = value;
        this.paths = paths;
    }

    /**
     * Reads {@code ssrguard.csp.paths} and, for each pattern it lists, {@code ssrguard.csp.paths.<pattern>};
     * a listed pattern without its policy gets an empty one, which is refused alone (and logged).
     *
     * @param list   the patterns as listed now
     * @param policy the property holding one pattern's policy
     */
    public static Map<String, String> pathPolicies(List<String> list, Function<String, Optional<String>> policy) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pattern : list) {
            out.put(pattern, policy.apply(pattern).orElse(""));
        }
        return out;
    }

    @Override
    public PolicyFetch fetch(String knownVersion) throws PolicySourceException {
        String policy = value.get().orElseThrow(() -> new PolicySourceException(property + " is not set"));
        return PolicyFetch.loaded(policy, paths.get(), null);
    }

    @Override
    public String description() {
        return "config " + property;
    }
}
