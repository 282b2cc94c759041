package io.ssrguard.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SignInPageTest {

    static SignInPage.View view(Optional<String> login, Optional<String> provider, String returnTo, String error) {
        return new SignInPage.View("/shop/auth/sign-in.css", login, provider, returnTo, SignInMessages.forCode(error),
                Optional.of("bm9uY2Utb2YtdGhlLXJlcXVlc3Q="), Optional.of(new SignInPage.CsrfField("_csrf", "tok.en-1")), Optional.empty());
    }

    @Test
    void theFormPostsToTheLoginEndpointWithTheCsrfFieldAndReturnTo() {
        String html = SignInPage.render(view(Optional.of("/shop/auth/login"), Optional.empty(), "/orders?page=2", null));
        assertTrue(html.contains("<form method=\"post\" action=\"/shop/auth/login\">"), html);
        assertTrue(html.contains("<input type=\"hidden\" name=\"_csrf\" value=\"tok.en-1\">"), html);
        assertTrue(html.contains("<input type=\"hidden\" name=\"returnTo\" value=\"/orders?page=2\">"), html);
        assertTrue(html.contains("<label for=\"username\">") && html.contains("id=\"username\" name=\"username\""), html);
        assertTrue(html.contains("autocomplete=\"username\"") && html.contains("autocomplete=\"current-password\""), html);
        assertTrue(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"), html);
        assertTrue(html.contains("<link rel=\"stylesheet\" href=\"/shop/auth/sign-in.css\" nonce=\"bm9uY2Utb2YtdGhlLXJlcXVlc3Q=\">"),
                html);
        assertFalse(html.contains("class=\"error\""), "no error without a code");
        assertFalse(html.contains("provider"), "no provider when OpenID Connect is off");
    }

    @Test
    void thePageNeedsNoScriptAndNoInlineStyle() {
        String html = SignInPage.render(view(Optional.of("/auth/login"), Optional.of("/auth/oidc/login"), "/", "credentials"));
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<style") || html.contains("style="), html);
        assertFalse(Pattern.compile("\\son[a-z]+=").matcher(html).find(), "no inline handler: " + html);
    }

    @Test
    void anErrorCodeIsShownInWordsAndNeverItself() {
        String html = SignInPage.render(view(Optional.of("/auth/login"), Optional.empty(), "/", "credentials"));
        assertTrue(html.contains("role=\"alert\">The user name or password is not right.</p>"), html);
        assertTrue(html.contains("aria-describedby=\"sign-in-error\""), html);

        String oidc = SignInPage.render(view(Optional.empty(), Optional.of("/auth/oidc/login"), "/", "provider_error"));
        assertTrue(oidc.contains("The identity provider did not answer properly."), oidc);

        String forged = SignInPage.render(view(Optional.of("/auth/login"), Optional.empty(), "/",
                "<script>alert(1)</script>"));
        assertTrue(forged.contains(SignInMessages.GENERAL), forged);
        assertFalse(forged.contains("alert(1)"), "an unknown code is never written into the page: " + forged);
    }

    @Test
    void withPasskeysOnAButtonAndItsScriptCarryTheNonceAndNoInlineCode() {
        SignInPage.View base = view(Optional.of("/shop/auth/login"), Optional.empty(), "/orders", null);
        SignInPage.View view = new SignInPage.View(base.stylesheet(), base.loginAction(), base.providerLogin(),
                base.returnTo(), base.message(), base.nonce(), base.csrf(), Optional.of(new SignInPage.PasskeyButton(
                        "/shop/auth/passkeys/sign-in-options", "/shop/auth/passkeys/sign-in", "/shop/auth/sign-in.js")));
        String html = SignInPage.render(view);
        assertTrue(html.contains("<button type=\"button\" class=\"passkey\" id=\"passkey-sign-in\""
                + " data-options=\"/shop/auth/passkeys/sign-in-options\" data-sign-in=\"/shop/auth/passkeys/sign-in\""
                + " data-return-to=\"/orders\" data-csrf=\"tok.en-1\">Sign in with a passkey</button>"), html);
        assertTrue(html.contains("<script src=\"/shop/auth/sign-in.js\" nonce=\"bm9uY2Utb2YtdGhlLXJlcXVlc3Q=\"></script>"),
                html);
        assertFalse(Pattern.compile("<script>|<script [^>]*>[^<]").matcher(html).find(), "no inline script: " + html);
        assertFalse(Pattern.compile("\\son[a-z]+=").matcher(html).find(), "no inline handler: " + html);
        assertFalse(SignInPage.render(base).contains("passkey"), "no button when passkeys are off");
    }

    @Test
    void everyValueIsEscaped() {
        SignInPage.View hostile = new SignInPage.View("/a\"><script>x</script>.css", Optional.of("/auth/login\"'<>"),
                Optional.of("/oidc\"<"), "/x?\"><img src=x onerror=alert(1)>&y='z'", Optional.empty(),
                Optional.of("n\"once"), Optional.of(new SignInPage.CsrfField("_c\"srf", "t<o>k\"'&")),
                Optional.of(new SignInPage.PasskeyButton("/o\"<", "/s'>", "/j\"s")));
        String html = SignInPage.render(hostile);
        assertFalse(html.contains("<script>x") || html.contains("<img"), html);
        assertTrue(html.contains("value=\"/x?&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&amp;y=&#39;z&#39;\""), html);
        assertTrue(html.contains("value=\"t&lt;o&gt;k&quot;&#39;&amp;\""), html);
        assertTrue(html.contains("nonce=\"n&quot;once\""), html);
        // Every attribute value is quoted and holds no raw quote: no value can open an attribute or a tag.
        Matcher attributes = Pattern.compile("=\"([^\"]*)\"").matcher(html);
        while (attributes.find()) {
            assertFalse(attributes.group(1).contains("<") || attributes.group(1).contains("'"), attributes.group());
        }
    }

    @Test
    void withOpenIdConnectThePageOffersTheProviderWithTheWayBack() {
        String both = SignInPage.render(view(Optional.of("/auth/login"), Optional.of("/shop/auth/oidc/login"),
                "/orders?page=2", null));
        assertTrue(both.contains("<a class=\"provider\" href=\"/shop/auth/oidc/login?returnTo=%2Forders%3Fpage%3D2\">"),
                both);
        assertTrue(both.contains("<form"), "password sign-in as well");
    }

    @Test
    void withPasswordSignInOffOnlyTheProviderIsOffered() {
        String html = SignInPage.render(view(Optional.empty(), Optional.of("/auth/oidc/login"), "/", null));
        assertFalse(html.contains("<form") || html.contains("password"), html);
        assertFalse(html.contains("class=\"or\""), html);
        assertEquals(1, html.split("class=\"provider\"", -1).length - 1, html);
    }
}
