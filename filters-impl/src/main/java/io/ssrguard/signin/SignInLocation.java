package io.ssrguard.signin;

import static io.ssrguard.config.SsrGuardProperties.GATE_SIGN_IN;

import io.ssrguard.config.SettingsReader;

/**
 * Where a browser without a signed-in user is sent to sign in: the page the application names
 * ({@code ssrguard.gate.sign-in}), or else the pack's own sign-in page. The one rule for it: the
 * site gate, the refused form sign-in and the refused OpenID Connect callback all send the browser
 * to this path, so an application that names its own page is never bypassed by one of them.
 *
 * @param path the page, relative to the context path
 */
public record SignInLocation(String path) {

    /**
     * @param builtInPage the path at which the pack serves its own page ({@code ssrguard.auth.sign-in-page})
     */
    public static SignInLocation load(SettingsReader s, String builtInPage) {
        return new SignInLocation(s.path(GATE_SIGN_IN, builtInPage));
    }
}
