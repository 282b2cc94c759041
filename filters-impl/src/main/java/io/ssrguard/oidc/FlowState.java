package io.ssrguard.oidc;

import java.time.Instant;
import java.util.Objects;

/**
 * What a sign-in needs to remember between the redirect to the provider and
 * the callback. Travels encrypted in the flow-state cookie, not in an HTTP
 * session, so that the callback may land on any node of a cluster.
 *
 * @param state        the {@code state} sent to the provider, compared on the callback
 * @param nonce        the {@code nonce} the ID token must carry
 * @param codeVerifier the PKCE verifier whose S256 challenge was sent
 * @param returnTo     where the browser goes after sign-in, a checked {@link io.ssrguard.http.ReturnPath}
 * @param redirectUri  the redirect URI sent to the provider, sent again in the code exchange
 * @param rememberMe   whether the new session is a remember-me session
 * @param issuedAt     when the flow started, for the cookie's lifetime
 */
public record FlowState(String state, String nonce, String codeVerifier, String returnTo, String redirectUri,
                        boolean rememberMe, Instant issuedAt) {

    public FlowState {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(codeVerifier, "codeVerifier");
        Objects.requireNonNull(returnTo, "returnTo");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }

    @Override
    public String toString() {
        // The verifier and nonce are secrets of this flow; a state prefix is enough to correlate.
        return "FlowState[state=" + state.substring(0, Math.min(8, state.length())) + "…, returnTo=" + returnTo + "]";
    }
}
