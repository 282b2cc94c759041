package io.ssrguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The pack's sign-in page and the form answers of login and logout, as a browser without
 * JavaScript uses them: the page is a form with the CSRF field, its stylesheet loads under the
 * pack's CSP, a form sign-in ends in a {@code 303} to {@code returnTo} with the session cookies, a
 * refused one in a {@code 303} back to the page, which says why, and a form sign-out in a
 * {@code 303} to {@code ssrguard.auth.post-logout-path}. Scripts keep the JSON answers.
 *
 * <p>A test interface, run in {@link CookieAuthenticationIT}'s deployment (root context, the
 * {@code test} profile with the gate off, so that the pages after a sign-out can be seen).
 */
interface SignInPageTests {

    String ACCESS = "__Host-ssrguard-at";
    String REFRESH = "__Host-ssrguard-rt";
    Pattern CSRF_FIELD = Pattern.compile("<input type=\"hidden\" name=\"_csrf\" value=\"([^\"]+)\">");
    Pattern STYLESHEET = Pattern.compile("<link rel=\"stylesheet\" href=\"([^\"]+)\" nonce=\"([^\"]+)\">");

    /** The deployment's base URI. */
    URI base();

    /** A page load, as a browser sends it. */
    static HttpResponse<String> navigate(HttpSession browser, String path) {
        return browser.send(browser.request(path).header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Site", "none")
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").GET());
    }

    /** A form submission, as a browser sends it. */
    static HttpResponse<String> submit(HttpSession browser, String path, String form) {
        return browser.send(browser.request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Site", "same-origin")
                .header("Accept", "text/html,*/*;q=0.8").POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    static String csrfField(HttpResponse<String> page) {
        Matcher m = CSRF_FIELD.matcher(page.body());
        assertTrue(m.find(), "the page's form carries the CSRF field: " + page.body());
        return m.group(1);
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    default HttpSession newBrowser() {
        return new HttpSession(base()).manualCsrf();
    }

    @Test
    default void theSignInPageIsAFormThatNeedsNoScriptAndItsStylesheetLoadsUnderTheCsp() {
        HttpSession browser = newBrowser();
        HttpResponse<String> page = navigate(browser, "auth/sign-in?returnTo=" + encode("/api/profile?tab=2"));
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers().toString());
        assertEquals(Optional.of("no-store"), page.headers().firstValue("Cache-Control"), "it carries a CSRF token");
        String html = page.body();
        assertTrue(html.contains("<form method=\"post\" action=\"/auth/login\">"), html);
        assertTrue(html.contains("<input type=\"hidden\" name=\"returnTo\" value=\"/api/profile?tab=2\">"), html);
        assertTrue(html.contains("autocomplete=\"username\"") && html.contains("autocomplete=\"current-password\""), html);
        assertTrue(html.contains("<label for=\"username\">") && html.contains("<label for=\"password\">"), html);
        assertTrue(html.contains("name=\"viewport\""), "usable on a phone");
        assertFalse(html.contains("style="), "no inline style");
        // The form needs no script; the only one is the passkey button's, a file, where passkeys are on.
        assertFalse(Pattern.compile("<script(?![^>]*\\ssrc=)").matcher(html).find(), "no inline script: " + html);
        assertNotNull(browser.cookie("__Host-ssrguard-csrf"), "the field's token comes with its cookie");
        csrfField(page);

        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        Matcher link = STYLESHEET.matcher(html);
        assertTrue(link.find(), html);
        assertTrue(csp.contains("'nonce-" + link.group(2) + "'"), "the stylesheet's nonce is the page's: " + csp);
        assertTrue(csp.matches(".*style-src[^;]*'self'.*"), "and style-src allows this site: " + csp);
        HttpResponse<String> css = browser.get(link.group(1).substring(1));
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"), css.headers().toString());
        assertTrue(css.body().contains("main.sign-in"), css.body());
    }

    @Test
    default void aFormSignInEndsAtReturnToWithTheSessionCookies() {
        HttpSession browser = newBrowser();
        String token = csrfField(navigate(browser, "auth/sign-in?returnTo=%2Fapi%2Fprofile"));
        HttpResponse<String> signedIn = submit(browser, "auth/login", "_csrf=" + encode(token)
                + "&returnTo=%2Fapi%2Fprofile%3Ftab%3D2&username=alice&password=alice123");
        assertEquals(303, signedIn.statusCode(), signedIn.body());
        assertEquals(Optional.of("/api/profile?tab=2"), signedIn.headers().firstValue("Location"));
        assertTrue(SetCookie.of(signedIn, ACCESS).has("HttpOnly") && SetCookie.of(signedIn, REFRESH).has("HttpOnly"));
        HttpResponse<String> profile = navigate(browser, "api/profile?tab=2");
        assertEquals(200, profile.statusCode(), profile.body());
        assertTrue(profile.body().contains("alice"), profile.body());
    }

    @Test
    default void aRefusedFormSignInGoesBackToThePageWhichSaysWhy() {
        HttpSession browser = newBrowser();
        String token = csrfField(navigate(browser, "auth/sign-in"));
        HttpResponse<String> refused = submit(browser, "auth/login", "_csrf=" + encode(token)
                + "&returnTo=%2Fapi%2Fprofile&username=alice&password=wrong");
        assertEquals(303, refused.statusCode(), refused.body());
        assertEquals(Optional.of("/auth/sign-in?error=credentials&returnTo=%2Fapi%2Fprofile"),
                refused.headers().firstValue("Location"));
        assertTrue(refused.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith(ACCESS + "=")
                || c.startsWith(REFRESH + "=")), "no session: " + refused.headers().allValues("Set-Cookie"));

        HttpResponse<String> again = navigate(browser, refused.headers().firstValue("Location").orElseThrow().substring(1));
        assertEquals(200, again.statusCode());
        assertTrue(again.body().contains("role=\"alert\">The user name or password is not right.</p>"), again.body());
        assertTrue(again.body().contains("name=\"returnTo\" value=\"/api/profile\""), "the way back is kept");

        HttpResponse<String> unknownUser = submit(browser, "auth/login", "_csrf=" + encode(csrfField(again))
                + "&username=mallory&password=alice123");
        assertEquals(refused.headers().firstValue("Location").orElseThrow().replace("%2Fapi%2Fprofile", "%2F"),
                unknownUser.headers().firstValue("Location").orElseThrow(), "no hint whether the user exists");
    }

    @Test
    default void aForeignReturnToIsNeverFollowedAndNothingIsReflectedUnescaped() {
        for (String evil : new String[] {"//evil.example/", "https://evil.example/", "/\\evil.example", "/\t/evil.example"}) {
            HttpSession browser = newBrowser();
            HttpResponse<String> page = navigate(browser, "auth/sign-in?returnTo=" + encode(evil));
            assertTrue(page.body().contains("name=\"returnTo\" value=\"/\""), evil + ": " + page.body());
            HttpResponse<String> signedIn = submit(browser, "auth/login", "_csrf=" + encode(csrfField(page))
                    + "&returnTo=" + encode(evil) + "&username=alice&password=alice123");
            assertEquals(303, signedIn.statusCode(), signedIn.body());
            assertEquals(Optional.of("/"), signedIn.headers().firstValue("Location"), evil);
        }
        HttpResponse<String> hostile = navigate(newBrowser(), "auth/sign-in?returnTo="
                + encode("/x\"><script>alert(1)</script>") + "&error=" + encode("<img src=x onerror=alert(2)>"));
        assertEquals(200, hostile.statusCode());
        assertFalse(hostile.body().contains("<script>alert(1)") || hostile.body().contains("<img"), hostile.body());
        assertTrue(hostile.body().contains("value=\"/x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""), hostile.body());
        assertTrue(hostile.body().contains("Signing in did not complete."), "an unknown code gets the general words");
    }

    @Test
    default void aFormSignOutEndsTheSessionAndGoesToTheConfiguredPage() {
        HttpSession browser = newBrowser();
        String token = csrfField(navigate(browser, "auth/sign-in"));
        assertEquals(303, submit(browser, "auth/login", "_csrf=" + encode(token) + "&username=alice&password=alice123")
                .statusCode());
        HttpResponse<String> home = navigate(browser, "");
        assertTrue(home.body().contains("Signed in as alice"), home.body());
        String sessionToken = csrfField(home);

        HttpResponse<String> out = submit(browser, "auth/logout", "_csrf=" + encode(sessionToken));
        assertEquals(303, out.statusCode(), out.body());
        assertEquals(Optional.of("/"), out.headers().firstValue("Location"));
        assertTrue(SetCookie.of(out, ACCESS).deletes() && SetCookie.of(out, REFRESH).deletes());
        assertNull(browser.cookie(ACCESS));
        assertEquals(401, browser.get("auth/me").statusCode());
    }

    @Test
    default void scriptsKeepTheJsonAnswersEvenWithAFormBody() {
        HttpSession script = new HttpSession(base());
        script.get("auth/csrf");
        HttpResponse<String> login = script.send(script.request("auth/login")
                .header("Content-Type", "application/x-www-form-urlencoded").header("Sec-Fetch-Mode", "cors")
                .header("Sec-Fetch-Site", "same-origin").header("X-XSRF-TOKEN", script.csrfToken())
                .POST(HttpRequest.BodyPublishers.ofString("username=alice&password=wrong")));
        assertEquals(401, login.statusCode(), "fetch() with a form body is a script: " + login.body());
        assertEquals("{\"error\":\"unauthorized\"}", login.body());
        HttpResponse<String> json = script.login("alice", "alice123");
        assertEquals(200, json.statusCode());
        assertTrue(json.body().contains("\"name\":\"alice\""), json.body());
        HttpResponse<String> out = script.post("auth/logout", "application/json", "");
        assertEquals(200, out.statusCode());
        assertEquals("{\"signedOut\":true,\"everywhere\":false}", out.body());
    }
}
