package io.ssrguard.csp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ConfigPolicySourceTest {

    @Test
    void propertyIsReadAgainOnEveryFetch() throws Exception {
        AtomicReference<String> property = new AtomicReference<>("img-src *");
        ConfigPolicySource source = new ConfigPolicySource("ssrguard.csp.policy", () -> Optional.ofNullable(property.get()));
        assertEquals("img-src *", ((PolicyFetch.Loaded) source.fetch(null)).policy());
        property.set("img-src 'self'");
        assertEquals("img-src 'self'", ((PolicyFetch.Loaded) source.fetch(null)).policy());

        property.set(null);
        PolicySourceException e = assertThrows(PolicySourceException.class, () -> source.fetch(null));
        assertTrue(e.getMessage().contains("ssrguard.csp.policy is not set"), e.getMessage());
    }

    @Test
    void listedPatternsBringTheirPolicyAndOneWithoutPolicyGetsAnEmptyOneToBeRefusedAlone() throws Exception {
        Map<String, String> properties = Map.of("ssrguard.csp.paths./embed/*", "frame-ancestors 'self'");
        ConfigPolicySource source = new ConfigPolicySource("ssrguard.csp.policy", () -> Optional.of("img-src *"),
                () -> ConfigPolicySource.pathPolicies(List.of("/embed/*", "/forgotten/*"),
                        pattern -> Optional.ofNullable(properties.get("ssrguard.csp.paths." + pattern))));
        PolicyFetch.Loaded loaded = (PolicyFetch.Loaded) source.fetch(null);
        assertEquals("img-src *", loaded.policy());
        assertEquals(Map.of("/embed/*", "frame-ancestors 'self'", "/forgotten/*", ""), loaded.paths());
    }
}
