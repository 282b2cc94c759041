package io.ssrguard.csrf;

import java.time.Instant;
import java.util.Objects;

/**
 * The decrypted payload of a CSRF or SSR bypass token.
 *
 * @param issuedAt      {@code d}: when it was minted
 * @param purpose       {@code p}
 * @param salt          {@code s}: random, so that two tokens are never alike
 * @param userAgentHash {@code ua}: first 16 lower-case hex characters of SHA-256 of the User-Agent
 * @param sessionId     {@code sid}: the login session (refresh family) it is bound to,
 *                      or {@code null} for a token minted for an anonymous visitor
 */
public record CsrfToken(Instant issuedAt, CsrfPurpose purpose, String salt, String userAgentHash, String sessionId) {

    public CsrfToken {
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(userAgentHash, "userAgentHash");
    }
}
