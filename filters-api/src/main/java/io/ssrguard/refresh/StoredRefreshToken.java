package io.ssrguard.refresh;

import java.util.Objects;

/**
 * A token entry looked up by its hash, together with its family, as one read.
 *
 * @param token  the token entry
 * @param family the family it belongs to
 */
public record StoredRefreshToken(RefreshTokenEntry token, RefreshFamily family) {

    public StoredRefreshToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(family, "family");
        if (!token.familyId().equals(family.id())) {
            throw new IllegalArgumentException("token and family do not belong together");
        }
    }
}
