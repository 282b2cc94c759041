package io.ssrguard.signin;

import static io.ssrguard.config.SsrGuardProperties.AUTH_PASSWORD_ENABLED;
import static io.ssrguard.config.SsrGuardProperties.AUTH_POST_LOGOUT_PATH;
import static io.ssrguard.config.SsrGuardProperties.AUTH_SIGN_IN_PAGE;
import static io.ssrguard.config.SsrGuardProperties.OIDC_ENABLED;
import static io.ssrguard.config.SsrGuardProperties.OIDC_ERROR_PAGE;

import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.http.ReturnPath;

/**
 * Settings of signing in from a browser: the pack's sign-in page, where browsers go to sign in
 * and where form posts send them afterwards. Defaults live here and nowhere else.
 *
 * @param page            where the pack serves its sign-in page ({@code ssrguard.auth.sign-in-page})
 * @param passwordEnabled whether the login endpoint takes passwords ({@code ssrguard.auth.password.enabled})
 * @param postLogoutPath  where a form sign-out sends the browser ({@code ssrguard.auth.post-logout-path})
 * @param location        where browsers without a user are sent to sign in (the application's page or {@link #page})
 * @param oidcErrorPage   where a refused OpenID Connect navigation is sent ({@code ssrguard.oidc.error-page})
 */
public record SignInSettings(String page, boolean passwordEnabled, String postLogoutPath, SignInLocation location,
                             String oidcErrorPage) {

    public static final String DEFAULT_PAGE = "/auth/sign-in";

    /**
     * Reads and validates the settings; throws {@link SettingsException} naming the bad property.
     *
     * @param providerSignIn whether OpenID Connect sign-in is on (decided once, by {@code OidcSettings})
     */
    public static SignInSettings load(SettingsReader s, boolean providerSignIn) {
        String page = s.path(AUTH_SIGN_IN_PAGE, DEFAULT_PAGE);
        boolean password = s.bool(AUTH_PASSWORD_ENABLED, true);
        if (!password && !providerSignIn) {
            throw new SettingsException(AUTH_PASSWORD_ENABLED + "=false leaves no way to sign in: switch OpenID Connect"
                    + " on (" + OIDC_ENABLED + "=true) or leave password sign-in on");
        }
        SignInLocation location = SignInLocation.load(s, page);
        return new SignInSettings(page, password, insideTheApplication(s, AUTH_POST_LOGOUT_PATH, "/"), location,
                insideTheApplication(s, OIDC_ERROR_PAGE, location.path()));
    }

    /** The stylesheet of the page, served beside it. */
    public String stylesheet() {
        return page + ".css";
    }

    /** The passkey button's script, served beside the page. */
    public String script() {
        return page + ".js";
    }

    /** A path the browser is sent to: inside the application, checked like every {@code returnTo}. */
    private static String insideTheApplication(SettingsReader s, String name, String defaultValue) {
        String value = s.string(name, defaultValue);
        if (ReturnPath.parse(value).isEmpty()) {
            throw new SettingsException(name + " must be a path inside the application such as /home (one leading '/',"
                    + " no scheme, no '//', no '\\'), not '" + value + "'");
        }
        return value;
    }
}
