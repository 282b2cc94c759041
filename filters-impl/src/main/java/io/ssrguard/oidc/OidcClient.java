package io.ssrguard.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import java.io.IOException;
import java.net.URI;
import java.security.PrivateKey;

/**
 * The protocol steps that talk to the provider, through nimbus'
 * oauth2-oidc-sdk: the authorization request (code flow, PKCE S256, state,
 * nonce), the code exchange at the token endpoint with client
 * authentication, and the RP-initiated logout URL.
 */
public final class OidcClient {

    private final OidcSettings settings;
    private final ClientID clientId;
    private final Scope scope;
    private final int connectMillis;
    private final int readMillis;

    public OidcClient(OidcSettings settings) {
        this.settings = settings;
        this.clientId = new ClientID(settings.clientId());
        this.scope = new Scope(settings.scopes().toArray(String[]::new));
        this.connectMillis = Math.toIntExact(settings.connectTimeout().toMillis());
        this.readMillis = Math.toIntExact(settings.readTimeout().toMillis());
    }

    /** The provider URL the browser is sent to, for one flow. */
    public URI authorizationUri(DiscoveredProvider provider, FlowState flow) {
        return new AuthenticationRequest.Builder(ResponseType.CODE, scope, clientId, URI.create(flow.redirectUri()))
                .endpointURI(provider.authorizationEndpoint())
                .state(new State(flow.state()))
                .nonce(new Nonce(flow.nonce()))
                .codeChallenge(new CodeVerifier(flow.codeVerifier()), CodeChallengeMethod.S256)
                .build()
                .toURI();
    }

    /**
     * Exchanges an authorization code for tokens, sending the PKCE verifier and
     * the same redirect URI, and returns the ID token (not yet validated).
     *
     * @throws OidcRefusal 400 {@code code_rejected} when the provider refuses the code (used,
     *                     expired, PKCE mismatch), 502 {@code provider_error} when it cannot be
     *                     reached or answers nonsense
     */
    public JWT exchange(DiscoveredProvider provider, String code, FlowState flow) throws OidcRefusal {
        TokenRequest request = new TokenRequest(provider.tokenEndpoint(), clientAuthentication(provider),
                new AuthorizationCodeGrant(new AuthorizationCode(code), URI.create(flow.redirectUri()),
                        new CodeVerifier(flow.codeVerifier())));
        HTTPRequest http = request.toHTTPRequest();
        http.setConnectTimeout(connectMillis);
        http.setReadTimeout(readMillis);
        // A token endpoint has no business redirecting: following would resend the credentials.
        http.setFollowRedirects(false);
        HTTPResponse answer;
        try {
            answer = http.send();
        } catch (IOException e) {
            throw new OidcRefusal(502, "provider_error", "token endpoint unreachable: " + e.getMessage(), e);
        }
        TokenResponse response;
        try {
            response = OIDCTokenResponseParser.parse(answer);
        } catch (ParseException e) {
            throw new OidcRefusal(502, "provider_error", "token endpoint answered " + answer.getStatusCode()
                    + " with an unreadable body: " + e.getMessage(), e);
        }
        if (!response.indicatesSuccess()) {
            ErrorObject error = ((TokenErrorResponse) response).getErrorObject();
            int status = answer.getStatusCode() >= 500 ? 502 : 400;
            throw new OidcRefusal(status, status == 502 ? "provider_error" : "code_rejected",
                    "token endpoint refused the code: " + error.getCode() + " (" + error.getDescription() + ")");
        }
        JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
        if (idToken == null) {
            throw new OidcRefusal(502, "provider_error", "token response without an ID token (is 'openid' granted?)");
        }
        return idToken;
    }

    /**
     * The provider's logout URL (OpenID Connect RP-Initiated Logout 1.0) with the
     * client id, where to come back to and, when the sign-in's ID token was kept,
     * {@code id_token_hint}: with it the provider knows which session to end and
     * ends it without asking the user to confirm (Keycloak's "Do you want to log out?").
     *
     * @param idTokenHint the ID token of the session being ended, or {@code null}
     */
    public URI logoutUri(URI endSessionEndpoint, URI postLogoutRedirect, JWT idTokenHint) {
        return new LogoutRequest(endSessionEndpoint, idTokenHint, null, clientId, postLogoutRedirect, null, null)
                .toURI();
    }

    private ClientAuthentication clientAuthentication(DiscoveredProvider provider) throws OidcRefusal {
        if (settings.clientAuth() instanceof OidcSettings.ClientAuth.PrivateKeyJwt keyJwt) {
            return privateKeyJwt(provider, keyJwt.key());
        }
        OidcSettings.ClientAuth.ClientSecret secret = (OidcSettings.ClientAuth.ClientSecret) settings.clientAuth();
        return secret.inBody() ? new ClientSecretPost(clientId, new Secret(secret.secret()))
                : new ClientSecretBasic(clientId, new Secret(secret.secret()));
    }

    /** A fresh client assertion per exchange (its own jti and a short exp), audience the token endpoint. */
    private ClientAuthentication privateKeyJwt(DiscoveredProvider provider, JWK jwk) throws OidcRefusal {
        try {
            PrivateKey key;
            JWSAlgorithm alg;
            if (jwk instanceof RSAKey rsa) {
                key = rsa.toPrivateKey();
                alg = jwk.getAlgorithm() != null ? JWSAlgorithm.parse(jwk.getAlgorithm().getName()) : JWSAlgorithm.RS256;
            } else {
                ECKey ec = (ECKey) jwk;
                key = ec.toPrivateKey();
                alg = jwk.getAlgorithm() != null ? JWSAlgorithm.parse(jwk.getAlgorithm().getName())
                        : Curve.P_384.equals(ec.getCurve()) ? JWSAlgorithm.ES384
                        : Curve.P_521.equals(ec.getCurve()) ? JWSAlgorithm.ES512 : JWSAlgorithm.ES256;
            }
            return new PrivateKeyJWT(clientId, provider.tokenEndpoint(), alg, key, jwk.getKeyID(), null);
        } catch (JOSEException e) {
            throw new OidcRefusal(500, "client_misconfigured", "cannot sign the client assertion with "
                    + "the configured key: " + e.getMessage(), e);
        }
    }
}
