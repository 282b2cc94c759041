package io.ssrguard.signin;

import io.ssrguard.http.HtmlResponses;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Renders the pack's sign-in page: a plain HTML form that works without JavaScript, posting
 * form-encoded to the login endpoint with the CSRF field and {@code returnTo}, and, when OpenID
 * Connect is on, a link to the provider; when passkeys are on, a "Sign in with a passkey" button run
 * by a small script served beside the page. No inline style or script, so the page needs nothing from
 * the CSP but its own stylesheet and script (both carry the request's nonce); every value written
 * into the page is escaped.
 */
public final class SignInPage {

    private SignInPage() {
    }

    /** The CSRF form field: its name and this browser's token. */
    public record CsrfField(String name, String token) {
    }

    /**
     * The "Sign in with a passkey" button, when passkeys are on: the endpoints its script calls
     * and the script itself, served beside the page and loaded with the request's CSP nonce.
     */
    public record PasskeyButton(String optionsPath, String signInPath, String script) {
    }

    /**
     * What one rendering needs; paths are absolute on this host (context path included).
     *
     * @param stylesheet    the page's stylesheet
     * @param loginAction   the login endpoint, or empty when password sign-in is off
     * @param providerLogin the OpenID Connect login endpoint, or empty when that is off
     * @param returnTo      where to go after signing in, already checked ({@link io.ssrguard.http.ReturnPath})
     * @param message       the error sentence to show, if any
     * @param nonce         the request's CSP nonce, if the CSP is on
     * @param csrf          the CSRF field, if the CSRF filter is in front of the page
     * @param passkey       the passkey button, when passkeys are on
     */
    public record View(String stylesheet, Optional<String> loginAction, Optional<String> providerLogin,
                       String returnTo, Optional<String> message, Optional<String> nonce, Optional<CsrfField> csrf,
                       Optional<PasskeyButton> passkey) {
    }

    /** The page as HTML. */
    public static String render(View view) {
        StringBuilder html = new StringBuilder(2048);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"robots\" content=\"noindex\">\n<title>Sign in</title>\n")
                // The nonce lets the stylesheet load under a policy whose style-src holds only nonces, too.
                .append("<link rel=\"stylesheet\" href=\"").append(e(view.stylesheet())).append('"')
                .append(view.nonce().map(n -> " nonce=\"" + e(n) + "\"").orElse("")).append(">\n")
                .append("</head>\n<body>\n<main class=\"sign-in\">\n<h1>Sign in</h1>\n");
        view.message().ifPresent(m -> html.append("<p class=\"error\" id=\"sign-in-error\" role=\"alert\">")
                .append(e(m)).append("</p>\n"));
        view.loginAction().ifPresent(action -> passwordForm(html, view, action));
        view.providerLogin().ifPresent(login -> {
            if (view.loginAction().isPresent()) {
                html.append("<p class=\"or\"><span>or</span></p>\n");
            }
            html.append("<a class=\"provider\" href=\"").append(e(login + "?returnTo="
                    + URLEncoder.encode(view.returnTo(), StandardCharsets.UTF_8)))
                    .append("\">Sign in with your organisation's account</a>\n");
        });
        view.passkey().ifPresent(passkey -> passkeyButton(html, view, passkey));
        return html.append("</main>\n</body>\n</html>\n").toString();
    }

    /**
     * A button the script brings to life (hidden by the script where the browser has no WebAuthn);
     * everything the script needs travels in data attributes, so the script itself is a static file.
     */
    private static void passkeyButton(StringBuilder html, View view, PasskeyButton passkey) {
        if (view.loginAction().isPresent() || view.providerLogin().isPresent()) {
            html.append("<p class=\"or\"><span>or</span></p>\n");
        }
        html.append("<p class=\"error\" id=\"passkey-error\" role=\"alert\" hidden></p>\n")
                .append("<button type=\"button\" class=\"passkey\" id=\"passkey-sign-in\" data-options=\"")
                .append(e(passkey.optionsPath())).append("\" data-sign-in=\"").append(e(passkey.signInPath()))
                .append("\" data-return-to=\"").append(e(view.returnTo())).append('"')
                .append(view.csrf().map(f -> " data-csrf=\"" + e(f.token()) + "\"").orElse(""))
                .append(">Sign in with a passkey</button>\n")
                .append("<script src=\"").append(e(passkey.script())).append('"')
                .append(view.nonce().map(n -> " nonce=\"" + e(n) + "\"").orElse("")).append("></script>\n");
    }

    private static void passwordForm(StringBuilder html, View view, String action) {
        String described = view.message().isPresent() ? " aria-describedby=\"sign-in-error\"" : "";
        html.append("<form method=\"post\" action=\"").append(e(action)).append("\">\n");
        view.csrf().ifPresent(f -> html.append("<input type=\"hidden\" name=\"").append(e(f.name()))
                .append("\" value=\"").append(e(f.token())).append("\">\n"));
        html.append("<input type=\"hidden\" name=\"returnTo\" value=\"").append(e(view.returnTo())).append("\">\n")
                .append("<label for=\"username\">User name</label>\n")
                .append("<input id=\"username\" name=\"username\" type=\"text\" autocomplete=\"username\"")
                .append(" autocapitalize=\"none\" spellcheck=\"false\" maxlength=\"256\" required").append(described)
                .append(">\n<label for=\"password\">Password</label>\n")
                .append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\"")
                .append(" maxlength=\"1024\" required").append(described).append(">\n")
                .append("<label class=\"remember\"><input name=\"rememberMe\" type=\"checkbox\" value=\"true\">")
                .append(" Keep me signed in on this device</label>\n")
                .append("<button type=\"submit\">Sign in</button>\n</form>\n");
    }

    private static String e(String text) {
        return HtmlResponses.escape(text);
    }
}
