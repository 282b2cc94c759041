package io.ssrguard.passkeys;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * A registered passkey (a WebAuthn public-key credential) of one user.
 *
 * @param credentialId         the credential's id, base64url without padding; unique across users
 * @param userHandle           the WebAuthn user handle the authenticator stores with it, base64url; the same for
 *                             every passkey of one user, never the user name (it must not identify the person)
 * @param username             who signs in with it
 * @param groups               the groups a sign-in with it gives: the user's when they registered it (a passkey
 *                             proves who signs in, not what they may do now; registering again takes new groups)
 * @param credentialData       the attested credential data (AAGUID, id and COSE public key) as the authenticator sent it
 * @param signatureCount       the highest signature counter seen; 0 when the authenticator keeps none
 * @param label                what the user sees in the list ("passkey" unless they named it)
 * @param createdAt            when it was registered
 * @param lastUsedAt           when it last signed a sign-in; {@code null} when never
 */
public record Passkey(String credentialId, String userHandle, String username, Set<String> groups, byte[] credentialData,
                      long signatureCount, String label, Instant createdAt, Instant lastUsedAt) {

    public Passkey {
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(userHandle, "userHandle");
        Objects.requireNonNull(username, "username");
        groups = groups == null ? Set.of() : Set.copyOf(groups);
        Objects.requireNonNull(credentialData, "credentialData");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(createdAt, "createdAt");
        credentialData = credentialData.clone();
    }

    @Override
    public byte[] credentialData() {
        return credentialData.clone();
    }

    /** The same passkey after a sign-in that carried {@code count}. */
    public Passkey used(long count, Instant at) {
        return new Passkey(credentialId, userHandle, username, groups, credentialData, count, label, createdAt, at);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Passkey p && credentialId.equals(p.credentialId) && userHandle.equals(p.userHandle)
                && username.equals(p.username) && groups.equals(p.groups) && Arrays.equals(credentialData, p.credentialData)
                && signatureCount == p.signatureCount && label.equals(p.label) && createdAt.equals(p.createdAt)
                && Objects.equals(lastUsedAt, p.lastUsedAt);
    }

    @Override
    public int hashCode() {
        return credentialId.hashCode();
    }

    @Override
    public String toString() {
        // The id is not a secret, but a prefix is enough to correlate in a log.
        return "Passkey[" + credentialId.substring(0, Math.min(8, credentialId.length())) + "…, user=" + username
                + ", count=" + signatureCount + "]";
    }
}
