package io.ssrguard.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.MapSettings;
import io.ssrguard.http.FakeHttp;
import org.junit.jupiter.api.Test;

class BrowserRedirectsTest {

    final BrowserRedirects redirects = new BrowserRedirects(SignInSettings.load(MapSettings.profile("test")
            .with("ssrguard.auth.post-logout-path", "/goodbye").reader(), false));

    @Test
    void aFormABrowserSubmitsGetsPagesAndScriptsKeepJson() {
        assertTrue(BrowserRedirects.isFormPost("application/x-www-form-urlencoded", "navigate"));
        assertTrue(BrowserRedirects.isFormPost("Application/X-WWW-Form-Urlencoded; charset=UTF-8", null),
                "a browser without Fetch Metadata");
        assertFalse(BrowserRedirects.isFormPost("application/x-www-form-urlencoded", "cors"), "fetch with a form body");
        assertFalse(BrowserRedirects.isFormPost("application/x-www-form-urlencoded", "same-origin"));
        assertFalse(BrowserRedirects.isFormPost("application/json", "navigate"));
        assertFalse(BrowserRedirects.isFormPost(null, null));
    }

    @Test
    void aSignInReturnsOnlyInsideTheApplication() {
        assertEquals("/shop/orders?page=2", location(r -> redirects.toReturnTo(r.request(), r.response(), "/orders?page=2")));
        for (String evil : new String[] {"//evil.example", "https://evil.example", "/\\evil.example", "/\t/evil", null, ""}) {
            assertEquals("/shop/", location(r -> redirects.toReturnTo(r.request(), r.response(), evil)), String.valueOf(evil));
        }
    }

    @Test
    void aRefusedSignInGoesBackToTheSignInLocationWithTheCodeAndTheWayBack() {
        assertEquals("/shop/auth/sign-in?error=credentials&returnTo=%2Forders%3Fa%3D1%26b%3D2", location(r ->
                redirects.toSignIn(r.request(), r.response(), SignInMessages.CREDENTIALS, "/orders?a=1&b=2")));
        assertEquals("/shop/auth/sign-in?error=credentials&returnTo=%2F", location(r ->
                redirects.toSignIn(r.request(), r.response(), SignInMessages.CREDENTIALS, "//evil.example")));
        assertEquals("/shop/goodbye", location(r -> redirects.afterSignOut(r.request(), r.response())));
        assertEquals("/shop/auth/sign-in?error=invalid_flow", location(r ->
                redirects.toOidcErrorPage(r.request(), r.response(), "invalid_flow")));
    }

    record Exchange(jakarta.servlet.http.HttpServletRequest request, FakeHttp.Response fake,
                    jakarta.servlet.http.HttpServletResponse response) {
    }

    static String location(java.util.function.Consumer<Exchange> action) {
        FakeHttp.Request request = new FakeHttp.Request();
        request.contextPath = "/shop";
        FakeHttp.Response response = new FakeHttp.Response();
        action.accept(new Exchange(request.build(), response, response.build()));
        assertEquals(303, response.status);
        assertEquals("no-store", response.header("Cache-Control"));
        return response.header("Location");
    }
}
