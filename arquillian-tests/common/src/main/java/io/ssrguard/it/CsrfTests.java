package io.ssrguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * CSRF protection of {@code POST /api/notes} on a real container: the
 * double-submitted client token, bound to the User-Agent and the login
 * session, the cross-site checks in front of it, and SSR bypass tokens
 * minted by an external (Node.js) SSR server.
 *
 * <p>A test interface rather than a class so that these tests run in an
 * existing deployment ({@link FilterChainIT}: {@code test} profile, root
 * context, every feature on) instead of booting one more server. Every refusal
 * is paired with a control request that differs in the one property under
 * test and succeeds.
 *
 * <p>Bearer authentication is off in this deployment, so a bearer header exempts
 * nothing; {@link CookieAuthenticationIT} covers bearer-only requests with it on.
 */
interface CsrfTests {

    String CSRF_COOKIE = "__Host-ssrguard-csrf";
    String ACCESS_COOKIE = "__Host-ssrguard-at";
    /** The browser every test plays; tokens are bound to it. */
    String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 ssrguard-it";

    /** The deployment's base URI. */
    URI base();

    @Test
    default void tokenInCookieAndHeaderLetsASignedInUserPost() {
        HttpSession alice = signedIn("alice", "alice123");
        String token = alice.csrfToken();
        assertNotNull(token, "login hands out a token for the header");
        assertEquals(token, alice.cookie(CSRF_COOKIE), "and the same token in the cookie");

        HttpResponse<String> created = postNote(alice, token);
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.body().contains("\"owner\":\"alice\""), created.body());
        // What a browser adds on a same-origin fetch does not get in the way.
        assertEquals(201, postNote(alice, token, "Origin", origin()).statusCode(), "own Origin");
        assertEquals(201, postNote(alice, token, "Sec-Fetch-Site", "same-origin", "Origin", origin()).statusCode(),
                "Sec-Fetch-Site: same-origin");
    }

    @Test
    default void missingOrMismatchedTokensAreRefused() {
        HttpSession alice = signedIn("alice", "alice123");
        String token = alice.csrfToken();

        assertCsrfRefused(postNote(alice, null), "cookie without header");

        alice.dropCookie(CSRF_COOKIE);
        assertCsrfRefused(postNote(alice, token), "header without cookie");

        // A second token for the same caller and session: valid on its own, but not the cookie's.
        alice.get("auth/csrf");
        String second = alice.csrfToken();
        assertNotEquals(token, second);
        alice.cookie(CSRF_COOKIE, token);
        assertCsrfRefused(postNote(alice, second), "header and cookie differ");

        assertEquals(201, postNote(alice, token).statusCode(), "control: the matching pair");
        alice.cookie(CSRF_COOKIE, second);
        assertEquals(201, postNote(alice, second).statusCode(), "control: the second token with its own cookie");
    }

    @Test
    default void aTokenOfAnotherUserAgentOrSessionIsRefused() {
        HttpSession alice = signedIn("alice", "alice123");
        String token = alice.csrfToken();
        assertCsrfRefused(postNote(alice, token, "User-Agent", "curl/8.5.0"), "another User-Agent");

        HttpSession admin = signedIn("admin", "admin123");
        String adminToken = admin.csrfToken();
        assertEquals(201, postNote(admin, adminToken).statusCode(), "control: the token works in its own session");
        alice.cookie(CSRF_COOKIE, adminToken);
        assertCsrfRefused(postNote(alice, adminToken), "another user's token pair");

        // Alice signed in a second time (another device): a session of the same user is still another session.
        HttpSession aliceElsewhere = signedIn("alice", "alice123");
        alice.cookie(CSRF_COOKIE, aliceElsewhere.csrfToken());
        assertCsrfRefused(postNote(alice, aliceElsewhere.csrfToken()), "a token of the same user's other session");

        alice.cookie(CSRF_COOKIE, token);
        assertEquals(201, postNote(alice, token).statusCode(), "control: alice's own token");
    }

    @Test
    default void crossSiteRequestsAreRefusedWhateverTheToken() {
        HttpSession alice = signedIn("alice", "alice123");
        String token = alice.csrfToken();

        assertCsrfRefused(postNote(alice, token, "Sec-Fetch-Site", "cross-site"), "Sec-Fetch-Site: cross-site");
        assertCsrfRefused(postNote(alice, token, "Sec-Fetch-Site", "cross-site", "Origin", origin()),
                "Fetch Metadata wins over an Origin that looks right");
        assertCsrfRefused(postNote(alice, token, "Origin", "https://evil.example"), "foreign Origin");
        assertCsrfRefused(postNote(alice, token, "Origin", "null"), "opaque Origin");
        assertCsrfRefused(postNote(alice, token, "Referer", "https://evil.example/page"), "foreign Referer, no Origin");

        assertEquals(201, postNote(alice, token, "Origin", origin()).statusCode(), "control: own Origin");
    }

    @Test
    default void afterLoginThePreLoginTokenIsRefusedAndTheNewOneWorks() {
        HttpSession browser = new HttpSession(base()).userAgent(USER_AGENT);
        HttpResponse<String> issued = browser.get("auth/csrf");
        assertEquals(200, issued.statusCode());
        String anonymous = browser.csrfToken();
        assertNotNull(anonymous);
        assertTrue(issued.body().contains(anonymous), "the body carries the token too: " + issued.body());

        HttpResponse<String> login = browser.login("alice", "alice123");
        assertEquals(200, login.statusCode(), login.body());
        String fresh = browser.csrfToken();
        assertNotEquals(anonymous, fresh, "login issues a new token");
        assertEquals(fresh, SetCookie.of(login, CSRF_COOKIE).value(), "in the cookie as well as in the header");
        assertTrue(SetCookie.of(login, CSRF_COOKIE).has("HttpOnly"), "the CSRF cookie is httpOnly");

        browser.manualCsrf().cookie(CSRF_COOKIE, anonymous);
        assertCsrfRefused(postNote(browser, anonymous), "the anonymous pre-login pair after login");
        browser.cookie(CSRF_COOKIE, fresh);
        assertEquals(201, postNote(browser, fresh).statusCode(), "the token issued at login");
    }

    @Test
    default void ssrTokenMintedByNodeIsAcceptedAndAnyChangedByteIsNot() throws Exception {
        HttpSession alice = signedIn("alice", "alice123");
        // An SSR server forwards the browser's auth cookie and User-Agent, and has no CSRF cookie.
        alice.dropCookie(CSRF_COOKIE);
        String sid = SignedJWT.parse(alice.cookie(ACCESS_COOKIE)).getJWTClaimsSet().getStringClaim("sid");
        assertNotNull(sid, "the access token carries the session id");

        String token = NodeSsrMinter.mint(TestKeys.CSRF_KEY, USER_AGENT, sid);
        HttpResponse<String> created = postSsr(alice, token);
        assertEquals(201, created.statusCode(), "Node-minted token: " + created.body());
        assertTrue(created.body().contains("\"owner\":\"alice\""), created.body());
        assertEquals(201, postSsr(alice, NodeSsrMinter.mint(TestKeys.CSRF_KEY, USER_AGENT, null)).statusCode(),
                "sid is optional in an SSR token");

        byte[] raw = Base64.getUrlDecoder().decode(token);
        for (int at : new int[] {0, 12, raw.length / 2, raw.length - 1}) { // IV, ciphertext, middle, tag
            byte[] changed = raw.clone();
            changed[at] ^= 0x01;
            assertCsrfRefused(postSsr(alice, Base64.getUrlEncoder().withoutPadding().encodeToString(changed)),
                    "byte " + at + " of " + raw.length + " changed");
        }
        assertCsrfRefused(postSsr(alice, NodeSsrMinter.mint(TestKeys.CSRF_KEY, "curl/8.5.0", sid)),
                "minted for another User-Agent");
        assertCsrfRefused(postSsr(alice, NodeSsrMinter.mint(TestKeys.CSRF_KEY, USER_AGENT, "another-session")),
                "minted for another session");
        assertCsrfRefused(postSsr(alice, NodeSsrMinter.mint(otherKey(), USER_AGENT, sid)), "minted with another key");
    }

    @Test
    default void aPlainHtmlFormPostsWithTheTokenInAHiddenField() {
        HttpSession alice = signedIn("alice", "alice123");
        HttpResponse<String> page = alice.send(alice.request("").header("Accept", "text/html"));
        assertEquals(200, page.statusCode());
        java.util.regex.Matcher field = java.util.regex.Pattern
                .compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">").matcher(page.body());
        assertTrue(field.find(), "the page renders the token into its form: " + page.body());
        assertEquals("_csrf", field.group(1), "the field name the pack publishes");
        assertEquals(alice.cookie(CSRF_COOKIE), field.group(2), "the token of the CSRF cookie");

        HttpResponse<String> created = postForm(alice, "text=hello+from+a+form&" + field.group(1) + "=" + field.group(2));
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.body().contains("\"text\":\"hello from a form\""), "the application reads the form: " + created.body());
        assertTrue(created.body().contains("\"owner\":\"alice\""), created.body());
        assertEquals(201, postForm(alice, "_csrf=" + field.group(2) + "&text=again", "Origin", origin(),
                "Sec-Fetch-Site", "same-origin").statusCode(), "what a browser adds to a same-origin form post");

        String boundary = "ssrguard-it-boundary";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + field.group(2)
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nmultipart note\r\n--"
                + boundary + "--\r\n";
        HttpResponse<String> viaMultipart = alice.send(alice.request("api/notes")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(multipart)));
        assertEquals(201, viaMultipart.statusCode(), viaMultipart.body());
        assertTrue(viaMultipart.body().contains("\"text\":\"multipart note\""), viaMultipart.body());
    }

    @Test
    default void aSignInFormPostsWithTheField() {
        HttpSession browser = new HttpSession(base()).userAgent(USER_AGENT).manualCsrf();
        assertEquals(200, browser.get("auth/csrf").statusCode());
        String anonymous = browser.csrfToken();
        HttpRequest.Builder withoutField = browser.request("auth/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=alice&password=alice123"));
        assertCsrfRefused(browser.send(withoutField), "a sign-in form without the field");

        HttpResponse<String> login = browser.send(browser.request("auth/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=alice&password=alice123&_csrf=" + anonymous)));
        // A form gets the form answer (303 to returnTo, here none: the root), which a browser follows.
        assertEquals(303, login.statusCode(), "the login endpoint reads the form the filter read first: " + login.body());
        assertEquals(java.util.Optional.of("/"), login.headers().firstValue("Location"));
        assertNotNull(browser.cookie(ACCESS_COOKIE), "signed in");
    }

    @Test
    default void formPostsWithoutAGoodFieldAreRefused() {
        HttpSession alice = signedIn("alice", "alice123");
        String token = alice.csrfToken();
        assertCsrfRefused(postForm(alice, "text=no+field"), "a form without the field");

        HttpSession admin = signedIn("admin", "admin123");
        String adminToken = admin.csrfToken();
        alice.cookie(CSRF_COOKIE, adminToken);
        assertCsrfRefused(postForm(alice, "text=x&_csrf=" + adminToken), "a field and cookie of another session");
        alice.cookie(CSRF_COOKIE, token);
        assertCsrfRefused(postForm(alice, "text=x&_csrf=" + adminToken), "a field of another session");

        assertCsrfRefused(postForm(alice, "text=x&_csrf=" + token, "Sec-Fetch-Site", "cross-site"), "a cross-site form");
        assertCsrfRefused(postForm(alice, "text=x&_csrf=" + token, "Origin", "https://evil.example"), "a foreign Origin");

        assertCsrfRefused(postForm(alice, "text=x&_csrf=" + adminToken, "X-XSRF-TOKEN", token),
                "the right header beside another session's field: the two disagree");
        assertCsrfRefused(postForm(alice, "text=x&_csrf=" + token, "X-XSRF-TOKEN", adminToken),
                "the right field beside another session's header");
        assertEquals(201, postForm(alice, "text=x&_csrf=" + token, "X-XSRF-TOKEN", token).statusCode(),
                "header and field agree");
        assertEquals(201, postForm(alice, "text=x&_csrf=" + token).statusCode(), "control: alice's own field");
    }

    @Test
    default void oversizedOrMalformedFormsGetA4xxNeverA500() {
        HttpSession alice = signedIn("alice", "alice123");
        String token = alice.csrfToken();
        HttpResponse<String> tooLarge = postForm(alice, "_csrf=" + token + "&text=" + "a".repeat(FORM_MAX_BYTES));
        assertEquals(413, tooLarge.statusCode(), tooLarge.body());
        assertEquals("{\"error\":\"body_too_large\"}", tooLarge.body());

        // A part that starts and never ends: every container's parser fails on it.
        HttpResponse<String> truncated = alice.send(alice.request("api/notes")
                .header("Content-Type", "multipart/form-data; boundary=cut")
                .POST(HttpRequest.BodyPublishers.ofString("--cut\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
                        + token + "\r\n--cut\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nno end")));
        assertEquals(400, truncated.statusCode(), truncated.body());
        assertEquals("{\"error\":\"malformed_body\"}", truncated.body());

        // No boundary at all: a parser sees either an empty form (no field, so 403) or an error (400).
        HttpResponse<String> noBoundary = alice.send(alice.request("api/notes")
                .header("Content-Type", "multipart/form-data; boundary=nowhere")
                .POST(HttpRequest.BodyPublishers.ofString("this is not multipart at all")));
        assertTrue(noBoundary.statusCode() == 400 || noBoundary.statusCode() == 403, noBoundary.statusCode() + " " + noBoundary.body());
        assertTrue(noBoundary.body().startsWith("{\"error\":"), noBoundary.body());
    }

    @Test
    default void aBearerHeaderDoesNotExemptLoginFromCsrf() {
        // Bearer authentication is off here; even when on, an endpoint that issues session cookies is never exempt.
        HttpSession attacker = new HttpSession(base()).userAgent(USER_AGENT).manualCsrf();
        HttpResponse<String> login = attacker.send(attacker.request("auth/login")
                .header("Authorization", "Bearer x").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\",\"password\":\"alice123\"}")));
        assertCsrfRefused(login, "POST /auth/login with a bearer header, no cookie and no token");
        assertTrue(login.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith(ACCESS_COOKIE + "=")),
                "no session was started: " + login.headers().allValues("Set-Cookie"));

        HttpSession browser = new HttpSession(base()).userAgent(USER_AGENT);
        assertEquals(200, browser.login("alice", "alice123").statusCode(), "control: the same login with a token");
    }

    /** A browser signed in as {@code user} whose unsafe requests carry only what the test puts on them. */
    default HttpSession signedIn(String user, String password) {
        HttpSession session = new HttpSession(base()).userAgent(USER_AGENT);
        HttpResponse<String> login = session.login(user, password);
        assertEquals(200, login.statusCode(), "login of " + user + ": " + login.body());
        return session.manualCsrf();
    }

    /** This site's origin, as a browser would send it in {@code Origin}. */
    default String origin() {
        URI b = base();
        return b.getScheme() + "://" + b.getHost() + (b.getPort() == -1 ? "" : ":" + b.getPort());
    }

    /**
     * {@code POST /api/notes} with the session's cookies, {@code X-XSRF-TOKEN: xsrfHeader}
     * (none when {@code null}) and extra headers as name, value pairs (replacing the session's).
     */
    static HttpResponse<String> postNote(HttpSession session, String xsrfHeader, String... headers) {
        HttpRequest.Builder request = session.request("api/notes")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"buy milk\"}"));
        if (xsrfHeader != null) {
            request.header("X-XSRF-TOKEN", xsrfHeader);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return session.send(request);
    }

    /** {@code ssrguard.csrf.form-max-bytes} in the deployment these tests run in. */
    int FORM_MAX_BYTES = 4096;

    /** {@code POST /api/notes} as a plain HTML form: URL-encoded {@code body}, no token header. */
    static HttpResponse<String> postForm(HttpSession session, String body, String... headers) {
        HttpRequest.Builder request = session.request("api/notes")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return session.send(request);
    }

    /** {@code POST /api/notes} as an SSR server sends it: the session's cookies and {@code X-SSR-CSRF}. */
    static HttpResponse<String> postSsr(HttpSession session, String ssrToken, String... headers) {
        String[] all = Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "X-SSR-CSRF";
        all[headers.length + 1] = ssrToken;
        return postNote(session, null, all);
    }

    /** The pack's CSRF refusal: 403, the short body and nothing else, and a Vary that names Origin. */
    static void assertCsrfRefused(HttpResponse<String> response, String what) {
        assertEquals(403, response.statusCode(), what + ": " + response.body());
        assertEquals("{\"error\":\"csrf\"}", response.body(), what);
        assertTrue(response.headers().allValues("Vary").stream()
                        .flatMap(v -> Arrays.stream(v.split(","))).map(String::trim)
                        .anyMatch("Origin"::equalsIgnoreCase),
                what + ": Vary must name Origin, was " + response.headers().allValues("Vary"));
    }

    private static String otherKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
