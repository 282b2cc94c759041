package io.ssrguard.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import io.ssrguard.auth.Caller;
import io.ssrguard.testing.LoggedRecords;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClaimMappingTest {

    @Test
    void keycloakRealmRolesThroughADottedPath() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("f3a1").claim("preferred_username", "alice")
                .claim("realm_access", Map.of("roles", List.of("user", "admin"))).build();
        Caller caller = new ClaimMapping("preferred_username", "realm_access.roles").caller(claims);
        assertEquals(new Caller("alice", Set.of("user", "admin")), caller);
    }

    @Test
    void usernameFallsBackToSubAndGroupsToNone() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("f3a1").claim("groups", 42).build();
        assertEquals(new Caller("f3a1", Set.of()), new ClaimMapping("preferred_username", "groups").caller(claims));
        JWTClaimsSet blank = new JWTClaimsSet.Builder().subject("f3a1").claim("preferred_username", " ").build();
        assertEquals("f3a1", new ClaimMapping("preferred_username", "groups").caller(blank).name());
    }

    @Test
    void singleStringGroupAndNonStringItems() throws Exception {
        ClaimMapping mapping = new ClaimMapping("email", "roles");
        assertEquals(Set.of("admin"), mapping.groups(new JWTClaimsSet.Builder().claim("roles", "admin").build()));
        assertEquals(Set.of("a"), mapping.groups(new JWTClaimsSet.Builder()
                .claim("roles", List.of("a", 1, "", "b\nc")).build()));
        assertEquals(Set.of(), new ClaimMapping("email", "realm_access.roles")
                .groups(new JWTClaimsSet.Builder().claim("realm_access", "flat").build()));
    }

    @Test
    void noNameAtAllIsRefused() {
        OidcRefusal e = assertThrows(OidcRefusal.class, () -> new ClaimMapping("preferred_username", "groups")
                .caller(new JWTClaimsSet.Builder().build()));
        assertEquals(401, e.status());
    }

    @Test
    void aMissingGroupsClaimIsLoggedOnceWithTheNamesOfTheClaimsPresent() throws Exception {
        try (LoggedRecords log = LoggedRecords.of(ClaimMapping.class)) {
            ClaimMapping mapping = new ClaimMapping("preferred_username", "realm_access.roles");
            JWTClaimsSet groupsInstead = new JWTClaimsSet.Builder().subject("f3a1")
                    .claim("groups", List.of("secret-group-name")).claim("email", "a@example.com").build();
            assertEquals(Set.of(), mapping.groups(groupsInstead));
            assertEquals(Set.of(), mapping.groups(groupsInstead));
            List<String> warnings = log.messages();
            assertEquals(1, warnings.size(), "once: " + warnings);
            String warning = warnings.get(0);
            assertTrue(warning.contains("'realm_access.roles'") && warning.contains("[email, groups, sub]"), warning);
            assertFalse(warning.contains("secret-group-name") || warning.contains("a@example.com"), "names only: " + warning);

            ClaimMapping nested = new ClaimMapping("preferred_username", "realm_access.roles");
            nested.groups(new JWTClaimsSet.Builder().claim("realm_access", Map.of("other", List.of("x"))).build());
            warnings = log.messages();
            assertTrue(warnings.get(1).contains("under 'realm_access' are [other]"), warnings.get(1));
        }
    }
}
