package io.ssrguard.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import io.ssrguard.auth.Caller;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Turns validated ID-token claims into the pack's {@link Caller}: the user
 * name from a configured claim ({@code sub} when it is absent or blank), the
 * groups from a configured claim whose dots walk nested objects, as in
 * Keycloak's {@code realm_access.roles}.
 *
 * <p>A groups claim the provider's tokens do not carry is the usual cause of
 * "everyone signs in without roles" (a realm that puts roles in {@code groups}
 * while the setting says {@code realm_access.roles}), so the first token without
 * it logs a WARNING naming the claims that are there: names only, never values.
 *
 * @param usernameClaim claim holding the user name
 * @param groupsClaim   claim path holding the groups: a JSON array of strings, or one string
 * @param warnedMissing whether the missing groups claim was logged already (once per application)
 */
public record ClaimMapping(String usernameClaim, String groupsClaim, AtomicBoolean warnedMissing) {

    private static final Logger LOG = Logger.getLogger(ClaimMapping.class.getName());

    public ClaimMapping(String usernameClaim, String groupsClaim) {
        this(usernameClaim, groupsClaim, new AtomicBoolean());
    }

    /** Longest user name taken over; a longer one falls back to {@code sub}. */
    static final int MAX_NAME_LENGTH = 256;

    /**
     * The caller the claims describe.
     *
     * @throws OidcRefusal 401 when the token has neither the user-name claim nor {@code sub}
     */
    public Caller caller(JWTClaimsSet claims) throws OidcRefusal {
        String name = usable(claims.getClaim(usernameClaim));
        if (name == null) {
            name = usable(claims.getSubject());
        }
        if (name == null) {
            throw new OidcRefusal(401, "invalid_id_token", "ID token has neither a usable '" + usernameClaim
                    + "' nor a 'sub' claim");
        }
        return new Caller(name, groups(claims));
    }

    /** The groups at the configured path; missing, or of another type, means none. */
    Set<String> groups(JWTClaimsSet claims) {
        Object value = claims.getClaims();
        String walked = "";
        for (String part : groupsClaim.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return Set.of();
            }
            if (!map.containsKey(part)) {
                warnMissing(walked, map.keySet());
                return Set.of();
            }
            value = map.get(part);
            walked = walked.isEmpty() ? part : walked + "." + part;
        }
        Set<String> groups = new LinkedHashSet<>();
        if (value instanceof Collection<?> items) {
            for (Object item : items) {
                String group = usable(item);
                if (group != null) {
                    groups.add(group);
                }
            }
        } else {
            String group = usable(value);
            if (group != null) {
                groups.add(group);
            }
        }
        return groups;
    }

    private void warnMissing(String walked, Set<?> present) {
        if (warnedMissing.compareAndSet(false, true)) {
            Set<String> names = new TreeSet<>();
            present.forEach(n -> names.add(String.valueOf(n)));
            LOG.warning("SSR Guard: the provider's ID token has no groups claim '" + groupsClaim
                    + "' (ssrguard.oidc.groups-claim), so callers sign in without groups; the claims "
                    + (walked.isEmpty() ? "in the token" : "under '" + walked + "'") + " are " + names
                    + ". Set ssrguard.oidc.groups-claim to the one holding the roles (dots walk nested claims)."
                    + " Logged once.");
        }
    }

    /** A non-blank string without control characters, or {@code null}. */
    private static String usable(Object value) {
        if (!(value instanceof String s) || s.isBlank() || s.length() > MAX_NAME_LENGTH) {
            return null;
        }
        return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f) ? null : s;
    }
}
