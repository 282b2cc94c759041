package io.ssrguard.auth;

/**
 * A freshly signed access token with the claims it carries.
 *
 * @param token  the compact JWS
 * @param claims what it says, as verification would find it
 */
public record IssuedAccessToken(String token, VerifiedAccessToken claims) {

    @Override
    public String toString() {
        return "IssuedAccessToken[" + claims + "]";
    }
}
