package io.ssrguard.refresh;

/** Why a refresh-token family was revoked. */
public enum RevocationReason {
    /** The user signed out on that device. */
    SIGNED_OUT,
    /** The user signed out everywhere. */
    SIGNED_OUT_EVERYWHERE,
    /** A used token was presented after the grace window: the family is treated as stolen. */
    REUSE_DETECTED,
    /** The application revoked it through {@link RefreshFamilies}. */
    REVOKED_BY_APPLICATION,
    /** The OpenID Connect provider ended the session it was started from (back-channel logout). */
    PROVIDER_LOGOUT
}
