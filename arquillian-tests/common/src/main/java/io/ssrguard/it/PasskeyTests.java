package io.ssrguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.ssrguard.passkeys.EmulatedAuthenticator;
import java.net.URI;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Passkeys over real HTTP with an authenticator emulated in the test JVM that holds real keys and
 * signs for real: a signed-in user registers one, lists and removes it; a visitor signs in with it
 * (username-less and username-first) and ends with the same session cookies as a password sign-in;
 * a replayed challenge, a wrong origin, a wrong RP id, a counter regression, a removed passkey,
 * another user's passkey, an unoffered algorithm, a wrong client data type, a bad attestation and
 * malformed or oversized JSON are refused with 4xx and the pack's JSON.
 *
 * <p>A test interface, run in {@link CookieAuthenticationIT}'s deployment, where
 * {@code ssrguard.passkeys.enabled} is on. The expired challenge and the request limit need
 * settings of their own: {@link ShortTtlIT}.
 */
interface PasskeyTests {

    String CHALLENGE_COOKIE = "__Host-ssrguard-passkey";

    /** The deployment's base URI. */
    URI base();

    /** The origin the emulated browser reports: the deployment's own. */
    default String origin() {
        return base().getScheme() + "://" + base().getHost() + (base().getPort() < 0 ? "" : ":" + base().getPort());
    }

    /** Registers a new passkey for a password-signed-in user; answers the authenticator. */
    default EmulatedAuthenticator registerPasskey(String user, String password) throws ParseException {
        HttpSession browser = new HttpSession(base());
        assertEquals(200, browser.login(user, password).statusCode());
        EmulatedAuthenticator authenticator = new EmulatedAuthenticator();
        HttpResponse<String> options = browser.postJson("auth/passkeys/register-options", "{}");
        assertEquals(200, options.statusCode(), options.body());
        Map<String, Object> json = JSONObjectUtils.parse(options.body());
        assertEquals("none", json.get("attestation"));
        String rpId = (String) JSONObjectUtils.getJSONObject(json, "rp").get("id");
        assertEquals(base().getHost(), rpId, "the RP id is the site's host");
        String userHandle = (String) JSONObjectUtils.getJSONObject(json, "user").get("id");
        assertNotNull(browser.cookie(CHALLENGE_COOKIE), "the challenge travels in a cookie");
        HttpResponse<String> done = browser.postJson("auth/passkeys/register", "{\"label\":\"it\",\"credential\":"
                + authenticator.create((String) json.get("challenge"), userHandle, origin(), rpId) + "}");
        assertEquals(201, done.statusCode(), done.body());
        assertTrue(done.body().contains(authenticator.credentialId()), done.body());
        return authenticator;
    }

    /** Options for a sign-in in a fresh browser; the browser keeps the challenge cookie. */
    default String signInChallenge(HttpSession browser, String body) throws ParseException {
        HttpResponse<String> options = browser.postJson("auth/passkeys/sign-in-options", body);
        assertEquals(200, options.statusCode(), options.body());
        return (String) JSONObjectUtils.parse(options.body()).get("challenge");
    }

    default HttpResponse<String> finishSignIn(HttpSession browser, String credential) {
        return browser.postJson("auth/passkeys/sign-in", "{\"credential\":" + credential + "}");
    }

    @Test
    default void aRegisteredPasskeySignsInToTheSameCookiesAsAPassword() throws Exception {
        EmulatedAuthenticator authenticator = registerPasskey("alice", "alice123");
        HttpSession visitor = new HttpSession(base());
        String challenge = signInChallenge(visitor, "{}");
        HttpResponse<String> signIn = finishSignIn(visitor, authenticator.get(challenge, origin(), base().getHost()));
        assertEquals(200, signIn.statusCode(), signIn.body());
        assertEquals("{\"name\":\"alice\",\"groups\":[\"user\"]}", signIn.body());
        SetCookie access = SetCookie.of(signIn, "__Host-ssrguard-at");
        assertTrue(access.has("HttpOnly") && access.has("Secure"), "the password sign-in's access cookie");
        assertNotNull(SetCookie.of(signIn, "__Host-ssrguard-rt").value(), "a refresh family was started");
        assertEquals(null, visitor.cookie(CHALLENGE_COOKIE), "the challenge cookie is cleared");
        HttpResponse<String> me = visitor.get("auth/me");
        assertEquals(200, me.statusCode());
        assertEquals("{\"name\":\"alice\",\"groups\":[\"user\"]}", me.body());
        // The family refreshes like any other.
        assertEquals(200, visitor.postJson("auth/refresh", "").statusCode());
    }

    @Test
    default void usernameFirstSignInListsOnlyThatUsersPasskeys() throws Exception {
        EmulatedAuthenticator alices = registerPasskey("alice", "alice123");
        HttpSession visitor = new HttpSession(base());
        HttpResponse<String> options = visitor.postJson("auth/passkeys/sign-in-options", "{\"username\":\"alice\"}");
        assertTrue(options.body().contains(alices.credentialId()), options.body());
        String challenge = (String) JSONObjectUtils.parse(options.body()).get("challenge");
        assertEquals(200, finishSignIn(visitor, alices.get(challenge, origin(), base().getHost())).statusCode());
        // Alice's passkey does not sign in as admin.
        HttpSession other = new HttpSession(base());
        String adminChallenge = signInChallenge(other, "{\"username\":\"admin\"}");
        HttpResponse<String> refused = finishSignIn(other, alices.get(adminChallenge, origin(), base().getHost()));
        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals(null, other.cookie("__Host-ssrguard-at"));
    }

    @Test
    default void aReplayedChallengeIsRefused() throws Exception {
        EmulatedAuthenticator authenticator = registerPasskey("alice", "alice123");
        HttpSession visitor = new HttpSession(base());
        String challenge = signInChallenge(visitor, "{}");
        String cookie = visitor.cookie(CHALLENGE_COOKIE);
        assertEquals(200, finishSignIn(visitor, authenticator.get(challenge, origin(), base().getHost())).statusCode());

        HttpSession replayer = new HttpSession(base()).cookie(CHALLENGE_COOKIE, cookie);
        HttpResponse<String> replay = finishSignIn(replayer, authenticator.get(challenge, origin(), base().getHost()));
        assertEquals(400, replay.statusCode(), replay.body());
        assertEquals("{\"error\":\"invalid_challenge\"}", replay.body());
        assertEquals(null, replayer.cookie("__Host-ssrguard-at"));
    }

    @Test
    default void aWrongOriginIsRefused() throws Exception {
        EmulatedAuthenticator authenticator = registerPasskey("alice", "alice123");
        HttpSession visitor = new HttpSession(base());
        String challenge = signInChallenge(visitor, "{}");
        HttpResponse<String> refused = finishSignIn(visitor,
                authenticator.get(challenge, "https://evil.example.net", base().getHost()));
        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals("{\"error\":\"invalid_passkey\"}", refused.body());
    }

    @Test
    default void aUserListsAndRemovesTheirPasskeyWhichThenNoLongerSignsIn() throws Exception {
        EmulatedAuthenticator authenticator = registerPasskey("admin", "admin123");
        HttpSession admin = new HttpSession(base());
        admin.login("admin", "admin123");
        HttpResponse<String> list = admin.get("auth/passkeys");
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(list.body().contains(authenticator.credentialId()), list.body());
        // Alice cannot remove it.
        HttpSession alice = new HttpSession(base());
        alice.login("alice", "alice123");
        assertEquals(404, alice.postJson("auth/passkeys/remove", "{\"id\":\"" + authenticator.credentialId() + "\"}")
                .statusCode());
        assertFalse(alice.get("auth/passkeys").body().contains(authenticator.credentialId()));
        HttpResponse<String> removed = admin.postJson("auth/passkeys/remove",
                "{\"id\":\"" + authenticator.credentialId() + "\"}");
        assertEquals(200, removed.statusCode(), removed.body());

        HttpSession visitor = new HttpSession(base());
        String challenge = signInChallenge(visitor, "{}");
        HttpResponse<String> refused = finishSignIn(visitor, authenticator.get(challenge, origin(), base().getHost()));
        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals("{\"error\":\"unknown_passkey\"}", refused.body());
    }

    @Test
    default void theSignInPageOffersAPasskeyThroughAScriptFileCarryingThePagesNonce() {
        HttpSession browser = new HttpSession(base()).manualCsrf();
        HttpResponse<String> page = browser.send(browser.request("auth/sign-in").header("Sec-Fetch-Mode", "navigate")
                .header("Accept", "text/html").GET());
        assertEquals(200, page.statusCode(), page.body());
        java.util.regex.Matcher script = java.util.regex.Pattern
                .compile("<script src=\"([^\"]+)\" nonce=\"([^\"]+)\"></script>").matcher(page.body());
        assertTrue(script.find(), page.body());
        assertTrue(page.body().contains("id=\"passkey-sign-in\" data-options=\"/auth/passkeys/sign-in-options\""),
                page.body());
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("'nonce-" + script.group(2) + "'"), "the script's nonce is the page's: " + csp);
        HttpResponse<String> js = browser.get(script.group(1).substring(1));
        assertEquals(200, js.statusCode());
        assertTrue(js.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"), js.headers().toString());
        assertTrue(js.body().contains("parseRequestOptionsFromJSON"), js.body());
    }

    @Test
    default void aWrongRpIdAClonedAuthenticatorsCounterAndAnOversizedBodyAreRefused() throws Exception {
        EmulatedAuthenticator authenticator = registerPasskey("alice", "alice123");
        // Signed for another relying party: its RP ID hash is not this site's.
        HttpSession visitor = new HttpSession(base());
        String challenge = signInChallenge(visitor, "{}");
        HttpResponse<String> otherRp = finishSignIn(visitor, authenticator.get(challenge, origin(), "evil.example.net"));
        assertEquals(400, otherRp.statusCode(), otherRp.body());
        assertEquals("{\"error\":\"invalid_passkey\"}", otherRp.body());
        assertEquals(null, visitor.cookie("__Host-ssrguard-at"));

        // The authenticator signs with counter 6, then a clone of it (same key) with counter 3: refused.
        authenticator.counter(5);
        HttpSession first = new HttpSession(base());
        assertEquals(200, finishSignIn(first, authenticator.get(signInChallenge(first, "{}"), origin(), base().getHost()))
                .statusCode());
        authenticator.counter(2);
        HttpSession clone = new HttpSession(base());
        HttpResponse<String> cloned = finishSignIn(clone, authenticator.get(signInChallenge(clone, "{}"), origin(),
                base().getHost()));
        assertEquals(400, cloned.statusCode(), cloned.body());
        assertEquals("{\"error\":\"invalid_passkey\"}", cloned.body());
        assertEquals(null, clone.cookie("__Host-ssrguard-at"));

        // A ceremony body announced over 64 KiB is refused unread (a raw socket, so that only a few bytes are sent).
        HttpSession big = new HttpSession(base()).userAgent("ssrguard-it passkeys");
        signInChallenge(big, "{}");
        RawHttp.Answer tooLarge = RawHttp.exchange(base(), "POST " + base().getPath().replaceAll("/$", "")
                + "/auth/passkeys/sign-in HTTP/1.1\r\nHost: " + base().getHost() + ":" + base().getPort()
                + "\r\nUser-Agent: ssrguard-it passkeys\r\nCookie: " + big.cookieHeader() + "\r\nX-XSRF-TOKEN: "
                + big.csrfToken() + "\r\nContent-Type: application/json\r\nContent-Length: 1048576",
                "{\"credential\":", java.time.Duration.ofSeconds(30));
        assertEquals(413, tooLarge.status(), tooLarge.head() + tooLarge.body());
        assertEquals("{\"error\":\"body_too_large\"}", tooLarge.body());
    }

    /**
     * Registrations a browser would never send: a real ES384 key (not among the options' algorithms), a key
     * naming an algorithm no one knows, an EC key naming RS256, the client data of a sign-in, attestation
     * formats other than {@code none} (one with an empty statement, one made up): each 400
     * {@code invalid_passkey}, and nothing is registered.
     */
    @Test
    default void aRegistrationWithAnUnofferedAlgorithmAWrongClientDataTypeOrABadAttestationIs400() throws Exception {
        HttpSession browser = new HttpSession(base());
        assertEquals(200, browser.login("alice", "alice123").statusCode());
        List<EmulatedAuthenticator> bad = List.of(EmulatedAuthenticator.es384(),
                new EmulatedAuthenticator().claimedAlgorithm(-65535),
                new EmulatedAuthenticator().claimedAlgorithm(-257),
                new EmulatedAuthenticator().createdAs("none", "webauthn.get"),
                new EmulatedAuthenticator().createdAs("packed", "webauthn.create"),
                new EmulatedAuthenticator().createdAs("no-such-format", "webauthn.create"));
        for (EmulatedAuthenticator authenticator : bad) {
            Map<String, Object> options = JSONObjectUtils.parse(
                    browser.postJson("auth/passkeys/register-options", "{}").body());
            String userHandle = (String) JSONObjectUtils.getJSONObject(options, "user").get("id");
            HttpResponse<String> refused = browser.postJson("auth/passkeys/register", "{\"credential\":"
                    + authenticator.create((String) options.get("challenge"), userHandle, origin(), base().getHost()) + "}");
            assertEquals(400, refused.statusCode(), refused.body());
            assertEquals("{\"error\":\"invalid_passkey\"}", refused.body());
            assertFalse(browser.get("auth/passkeys").body().contains(authenticator.credentialId()));
        }
    }

    @Test
    default void anonymousManagementIs401AndBadInputIs400NeverA500() throws Exception {
        HttpSession anonymous = new HttpSession(base());
        assertEquals(401, anonymous.postJson("auth/passkeys/register-options", "{}").statusCode());
        assertEquals(401, anonymous.get("auth/passkeys").statusCode());
        for (String body : List.of("{", "[]", "{\"credential\":1}", "{\"credential\":{}}",
                "{\"credential\":{\"id\":\"AA\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"!!\"}}}")) {
            HttpSession visitor = new HttpSession(base());
            signInChallenge(visitor, "{}");
            HttpResponse<String> answer = visitor.postJson("auth/passkeys/sign-in", body);
            assertEquals(400, answer.statusCode(), body + " -> " + answer.body());
            assertFalse(answer.body().contains("Exception"), answer.body());
        }
        // Without the challenge cookie at all.
        HttpResponse<String> noCookie = finishSignIn(new HttpSession(base()), "{}");
        assertEquals(400, noCookie.statusCode(), noCookie.body());
    }
}
