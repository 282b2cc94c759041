package io.ssrguard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.SettingsException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PathConstraintsTest {

    final PathConstraints rules = PathConstraints.parse(List.of("/api/*=user", "/api/admin/*=admin", "/api/admin/open=*", "/me=user|admin"));

    @Test
    void mostSpecificRuleGoverns() {
        assertEquals(Set.of("admin"), rules.governing("/api/admin/users").orElseThrow().roles());
        assertEquals(Set.of("admin"), rules.governing("/api/admin").orElseThrow().roles());
        assertEquals(Set.of("*"), rules.governing("/api/admin/open").orElseThrow().roles());
        assertEquals(Set.of("user"), rules.governing("/api/notes").orElseThrow().roles());
        assertEquals(Optional.empty(), rules.governing("/apiary"));
        assertEquals(Optional.empty(), rules.governing("/me/too"));
        assertEquals(Optional.empty(), rules.governing("/"));
    }

    @Test
    void rolesAndAnyUser() {
        assertTrue(rules.governing("/me").orElseThrow().allows(Set.of("admin")));
        assertFalse(rules.governing("/api/admin").orElseThrow().allows(Set.of("user")));
        assertTrue(rules.governing("/api/admin/open").orElseThrow().allows(Set.of()));
        assertEquals(Set.of("user", "admin"), rules.roles());
    }

    @Test
    void malformedRulesFailNamingTheProperty() {
        for (String bad : new String[] {"/api", "api/*=user", "/api/*/x=user", "/api=", "/api=|"}) {
            SettingsException e = assertThrows(SettingsException.class, () -> PathConstraints.parse(List.of(bad)), bad);
            assertTrue(e.getMessage().contains("ssrguard.auth.constraints"), e.getMessage());
        }
    }
}
