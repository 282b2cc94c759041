package io.ssrguard.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.Base64URL;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The attack table: the kinds of hostile request the attack pass tried, one row each (request, then the
 * judgement it must get), run as container tests in {@link FilterChainIT}'s deployment (the {@code test}
 * profile: gate, guard, CSRF, CSP and headers on; bodies read within 2 s) on the three containers.
 *
 * <p>Every row names what a wrong answer would show and asserts it absent: the protected endpoint's own
 * body (its marker text), a created note, a {@code Location} off this origin; besides the status it must
 * get. Path spellings are judged by that security property and a 4xx, not by one exact status, since
 * containers legitimately refuse some spellings themselves (400) where others find nothing (404) or the
 * gate answers (401). Every answer is also checked for a 500 and for a stack trace or an exception name.
 * Rows are sent over a raw socket, so that paths and headers reach the container byte for byte as written.
 */
public interface AttackTableTests {

    String BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 ssrguard-attack";

    /** What the protected resources answer when reached: the wrong answer the rows look for. */
    String PROFILE_BODY = "\"name\":";
    String ADMIN_BODY = "\"users\":";
    String NOTE_CREATED = "\"owner\":";
    String DIAGNOSTICS_BODY = "uptimeMillis";
    String STATIC_BODY = "ssrGuardSample";

    /** A stack trace line, a qualified exception class name, or a bare one. */
    Pattern LEAK = Pattern.compile("\\bat [\\w.$]+\\(|(?:[a-z]\\w*\\.)+[A-Z]\\w*(?:Exception|Error)\\b"
            + "|\\b\\w*Exception\\b|\\.java:\\d+");

    URI base();

    /**
     * One row: what is sent, the statuses it may get, the text whose presence in the body would mean the
     * attack worked (or {@code null} for a control row), and any further judgement of the answer.
     */
    record Attack(String name, Set<Integer> expected, Callable<RawHttp.Answer> send, String mustNotShow,
                  Predicate<RawHttp.Answer> also, String alsoMeans) {

        static Attack of(String name, int status, String mustNotShow, Callable<RawHttp.Answer> send) {
            return new Attack(name, Set.of(status), send, mustNotShow, a -> true, "");
        }

        static Attack of(String name, Set<Integer> statuses, String mustNotShow, Callable<RawHttp.Answer> send) {
            return new Attack(name, statuses, send, mustNotShow, a -> true, "");
        }

        /** A control row: the same request done right gets through (so the refusals are not for another reason). */
        static Attack control(String name, int status, String mustShow, Callable<RawHttp.Answer> send) {
            return new Attack(name, Set.of(status), send, null, a -> a.body().contains(mustShow), "shows " + mustShow);
        }

        Attack and(String means, Predicate<RawHttp.Answer> check) {
            return new Attack(name, expected, send, mustNotShow, also.and(check),
                    alsoMeans.isEmpty() ? means : alsoMeans + "; " + means);
        }
    }

    /** Any client error: for spellings some container refuses itself. */
    Set<Integer> ANY_4XX = IntStream.range(400, 500).boxed().collect(Collectors.toUnmodifiableSet());
    Set<Integer> FOUR_XX_OR_REDIRECT = IntStream.concat(IntStream.range(400, 500), IntStream.of(301, 302, 307, 308))
            .boxed().collect(Collectors.toUnmodifiableSet());
    Set<Integer> FOUR_XX_OR_OK = IntStream.concat(IntStream.range(400, 500), IntStream.of(200))
            .boxed().collect(Collectors.toUnmodifiableSet());
    /** The public health endpoint's answer. */
    String HEALTH_BODY = "\"status\":\"UP\"";

    // ---- forged access tokens -------------------------------------------------------------------------

    @Test
    default void forgedAccessTokensAreRefused() {
        String kid = TestKeys.SIGNING.getKeyID();
        String genuine = ForgedTokens.signedByDeploymentKey(c -> c);
        run("forged token", List.of(
                Attack.control("control: a token the deployment's key signed", 200, PROFILE_BODY, () -> profile(genuine)),
                tokenRow("alg none, no signature", ForgedTokens.unsigned()),
                tokenRow("alg None", ForgedTokens.unsignedWithHeader("{\"alg\":\"None\",\"typ\":\"JWT\"}")),
                tokenRow("alg NONE with the deployment's kid",
                        ForgedTokens.unsignedWithHeader("{\"alg\":\"NONE\",\"kid\":\"" + kid + "\"}")),
                tokenRow("alg none with the deployment token's signature appended",
                        ForgedTokens.unsignedWithHeader("{\"alg\":\"none\"}") + genuine.substring(genuine.lastIndexOf('.') + 1)),
                tokenRow("HS256 keyed with the deployment's public key", ForgedTokens.algorithmConfusion()),
                tokenRow("the payload changed to admin, signature kept", ForgedTokens.tamperedPayload(genuine)),
                tokenRow("kid traversal ../../../../etc/passwd, a stranger's signature",
                        ForgedTokens.withHeader(TestKeys.STRANGER, h -> h.keyID("../../../../etc/passwd"))),
                tokenRow("kid traversal to /dev/null, a stranger's signature",
                        ForgedTokens.withHeader(TestKeys.STRANGER, h -> h.keyID("/dev/null"))),
                tokenRow("kid as SQL, a stranger's signature",
                        ForgedTokens.withHeader(TestKeys.STRANGER, h -> h.keyID("x' OR '1'='1"))),
                tokenRow("kid of the deployment key, a stranger's signature",
                        ForgedTokens.withHeader(TestKeys.STRANGER, h -> h.keyID(kid))),
                tokenRow("jku to the attacker's JWKS, signed by the attacker",
                        ForgedTokens.withHeader(TestKeys.STRANGER, h -> h.jwkURL(URI.create("https://evil.example/jwks.json")))),
                tokenRow("jku and the deployment's kid, signed by the attacker",
                        ForgedTokens.withHeader(TestKeys.STRANGER, h -> h.keyID(kid)
                                .jwkURL(URI.create("https://evil.example/jwks.json")))),
                tokenRow("x5u to the attacker's certificate, signed by the attacker",
                        ForgedTokens.withHeader(TestKeys.STRANGER, h -> h.x509CertURL(URI.create("https://evil.example/cert.pem")))),
                tokenRow("embedded jwk (the attacker's public key), signed by it",
                        ForgedTokens.withHeader(TestKeys.STRANGER, h -> h.jwk(TestKeys.STRANGER.toPublicJWK()))),
                tokenRow("embedded jwk under the deployment's kid, signed by the attacker",
                        ForgedTokens.withHeader(TestKeys.STRANGER, h -> h.keyID(kid).jwk(TestKeys.STRANGER.toPublicJWK()))),
                tokenRow("an unknown critical header parameter, the deployment's own signature",
                        ForgedTokens.withHeader(TestKeys.SIGNING, h -> h.criticalParams(Set.of("ssrguard-x"))
                                .customParam("ssrguard-x", true))),
                tokenRow("a header that is not JSON", Base64URL.encode("not json") + "." + Base64URL.encode("{}") + ".c2ln")));
    }

    private Attack tokenRow(String name, String token) {
        return Attack.of(name, 401, PROFILE_BODY, () -> profile(token));
    }

    private RawHttp.Answer profile(String token) {
        return send("GET", "/api/profile", List.of("Cookie: " + CsrfTests.ACCESS_COOKIE + "=" + token), null);
    }

    // ---- duplicate and oversized cookies --------------------------------------------------------------

    @Test
    default void duplicateAndOversizedCookiesDecideNothingForTheAttacker() {
        HttpSession alice = signedIn();
        String valid = alice.cookie(CsrfTests.ACCESS_COOKIE);
        String forged = ForgedTokens.signed(TestKeys.STRANGER, c -> c.subject("admin").claim("upn", "admin")
                .claim("groups", List.of("user", "admin")));
        String junk = IntStream.range(0, 100).mapToObj(i -> "c" + i + "=v" + i).collect(Collectors.joining("; "));
        String token = alice.csrfToken();
        run("cookies", List.of(
                Attack.control("control: alice's own cookie", 200, PROFILE_BODY,
                        () -> send("GET", "/api/profile", List.of("Cookie: " + CsrfTests.ACCESS_COOKIE + "=" + valid), null)),
                Attack.of("the first of two access cookies counts: garbage, then valid", 401, PROFILE_BODY,
                        () -> send("GET", "/api/profile", List.of("Cookie: " + CsrfTests.ACCESS_COOKIE + "=garbage; "
                                + CsrfTests.ACCESS_COOKIE + "=" + valid), null)),
                Attack.of("a forged admin token before a valid one", 401, ADMIN_BODY,
                        () -> send("GET", "/api/admin", List.of("Cookie: " + CsrfTests.ACCESS_COOKIE + "=" + forged + "; "
                                + CsrfTests.ACCESS_COOKIE + "=" + valid), null)),
                Attack.of("a valid token before a forged admin one: alice, not admin", 403, ADMIN_BODY,
                        () -> send("GET", "/api/admin", List.of("Cookie: " + CsrfTests.ACCESS_COOKIE + "=" + valid + "; "
                                + CsrfTests.ACCESS_COOKIE + "=" + forged), null)),
                Attack.of("two Cookie headers, a forged admin token in the second", 403, ADMIN_BODY,
                        () -> send("GET", "/api/admin", List.of("Cookie: " + CsrfTests.ACCESS_COOKIE + "=" + valid,
                                "Cookie: " + CsrfTests.ACCESS_COOKIE + "=" + forged), null)),
                Attack.control("100 other cookies before the access cookie", 200, PROFILE_BODY,
                        () -> send("GET", "/api/profile", List.of("Cookie: " + junk + "; " + CsrfTests.ACCESS_COOKIE + "=" + valid), null)),
                Attack.of("an access cookie of 6000 characters", Set.of(401, 400), PROFILE_BODY,
                        () -> send("GET", "/api/profile", List.of("Cookie: " + CsrfTests.ACCESS_COOKIE + "=" + "A".repeat(6000)), null)),
                Attack.of("a Cookie header of 40 KB before the valid cookie (the container may refuse it)", ANY_4XX,
                        PROFILE_BODY, () -> send("GET", "/api/profile", List.of("Cookie: big=" + "B".repeat(40_000)
                                + "; " + CsrfTests.ACCESS_COOKIE + "=" + forged), null)),
                Attack.of("a tossed CSRF cookie before the real one (the header matches the real one)", 403, NOTE_CREATED,
                        () -> send("POST", "/api/notes", List.of("Cookie: " + CsrfTests.CSRF_COOKIE + "=" + "A".repeat(token.length())
                                + "; " + cookies(alice), "X-XSRF-TOKEN: " + token, "Content-Type: application/json"),
                                "{\"text\":\"tossed\"}"))));
    }

    // ---- CSRF ------------------------------------------------------------------------------------------

    @Test
    default void everyCsrfVariationIsRefused() {
        HttpSession alice = signedIn();
        HttpSession mallory = signedIn();
        String token = alice.csrfToken();
        String own = origin();
        String form = "text=hello&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        run("CSRF", List.of(
                Attack.control("control: cookie and header match", 201, NOTE_CREATED,
                        () -> note(alice, List.of("X-XSRF-TOKEN: " + token))),
                note("no token at all", alice, List.of()),
                note("the header alone, the CSRF cookie dropped", null, List.of("Cookie: " + CsrfTests.ACCESS_COOKIE + "="
                        + alice.cookie(CsrfTests.ACCESS_COOKIE), "X-XSRF-TOKEN: " + token)),
                note("a token one character off", alice, List.of("X-XSRF-TOKEN: " + token.substring(0, token.length() - 2)
                        + (token.endsWith("A") ? "B" : "A") + token.charAt(token.length() - 1))),
                note("another session's token pair with alice's access cookie", null, List.of("Cookie: " + CsrfTests.ACCESS_COOKIE + "="
                        + alice.cookie(CsrfTests.ACCESS_COOKIE) + "; " + CsrfTests.CSRF_COOKIE + "=" + mallory.csrfToken(),
                        "X-XSRF-TOKEN: " + mallory.csrfToken())),
                Attack.of("the right pair from another User-Agent", 403, NOTE_CREATED,
                        () -> send("POST", "/api/notes", List.of("Cookie: " + cookies(alice), "X-XSRF-TOKEN: " + token,
                                "Content-Type: application/json", "User-Agent: curl/8.5"), "{\"text\":\"ua\"}")),
                note("Origin: another site", alice, List.of("X-XSRF-TOKEN: " + token, "Origin: https://evil.example")),
                note("Origin: null", alice, List.of("X-XSRF-TOKEN: " + token, "Origin: null")),
                note("Sec-Fetch-Site: cross-site", alice, List.of("X-XSRF-TOKEN: " + token, "Sec-Fetch-Site: cross-site")),
                note("Referer from another site, no Origin", alice, List.of("X-XSRF-TOKEN: " + token,
                        "Referer: https://evil.example/page")),
                note("Origin: own origin with a trailing slash", alice, List.of("X-XSRF-TOKEN: " + token, "Origin: " + own + "/")),
                note("Origin: own host on another port", alice, List.of("X-XSRF-TOKEN: " + token,
                        "Origin: " + base().getScheme() + "://" + base().getHost() + ":1")),
                note("Origin: own host and port over https", alice, List.of("X-XSRF-TOKEN: " + token,
                        "Origin: " + own.replaceFirst("^http:", "https:"))),
                note("Origin: own origin as the prefix of another host", alice, List.of("X-XSRF-TOKEN: " + token,
                        "Origin: " + own + ".evil.example")),
                note("Sec-Fetch-Site: same-site from a sibling subdomain", alice, List.of("X-XSRF-TOKEN: " + token,
                        "Sec-Fetch-Site: same-site",
                        "Origin: " + base().getScheme() + "://sibling." + base().getHost() + ":" + base().getPort())),
                note("two X-XSRF-TOKEN headers, garbage first", alice, List.of("X-XSRF-TOKEN: garbage", "X-XSRF-TOKEN: " + token)),
                note("an SSR bypass header that is garbage, with the right client pair", alice,
                        List.of("X-XSRF-TOKEN: " + token, "X-SSR-CSRF: garbage")),
                Attack.of("the token in the query string instead of the header", 403, NOTE_CREATED,
                        () -> send("POST", "/api/notes?_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8),
                                List.of("Cookie: " + cookies(alice), "Content-Type: application/json"), "{\"text\":\"q\"}")),
                note("X-HTTP-Method-Override: GET without a token", alice, List.of("X-HTTP-Method-Override: GET")),
                Attack.of("a lower-case method (post) without a token", Set.of(400, 403, 405, 501), NOTE_CREATED,
                        () -> send("post", "/api/notes", List.of("Cookie: " + cookies(alice), "Content-Type: application/json"),
                                "{\"text\":\"x\"}")),
                Attack.control("form: control, the right field alone", 201, NOTE_CREATED,
                        () -> form(alice, List.of(), form)),
                Attack.of("form: a wrong header and the right field", 403, NOTE_CREATED,
                        () -> form(alice, List.of("X-XSRF-TOKEN: garbage"), form)),
                Attack.of("form: the right header and a wrong field", 403, NOTE_CREATED,
                        () -> form(alice, List.of("X-XSRF-TOKEN: " + token), "text=hello&_csrf=garbage")),
                Attack.of("form: the field twice, garbage first", 403, NOTE_CREATED,
                        () -> form(alice, List.of(), "_csrf=garbage&" + form)),
                Attack.of("form: the field as text/plain (a cross-site form's encoding)", 403, NOTE_CREATED,
                        () -> send("POST", "/api/notes", List.of("Cookie: " + cookies(alice), "Content-Type: text/plain"), form))));
    }

    private Attack note(String name, HttpSession session, List<String> headers) {
        return Attack.of(name, 403, NOTE_CREATED, () -> note(session, headers));
    }

    private RawHttp.Answer note(HttpSession session, List<String> headers) {
        List<String> all = new ArrayList<>(headers);
        if (session != null) {
            all.add("Cookie: " + cookies(session));
        }
        all.add("Content-Type: application/json");
        return send("POST", "/api/notes", all, "{\"text\":\"from the table\"}");
    }

    private RawHttp.Answer form(HttpSession session, List<String> headers, String body) {
        List<String> all = new ArrayList<>(headers);
        all.add("Cookie: " + cookies(session));
        all.add("Content-Type: application/x-www-form-urlencoded");
        return send("POST", "/api/notes", all, body);
    }

    // ---- path encodings against the guard and the gate -----------------------------------------------

    /** Spellings of {@code /internal/diagnostics}; none may reach the endpoint without the secret. */
    List<String> GUARDED_SPELLINGS = List.of(
            "/internal/diagnostics;jsessionid=0123456789ABCDEF", "/internal/diagnostics;x=y", "/internal;x=y/diagnostics",
            "//internal/diagnostics", "/./internal/diagnostics", "/static/..;/internal/diagnostics",
            "/static/../internal/diagnostics", "/internal/%2e/diagnostics", "/internal/x/%2e%2e/diagnostics",
            "/static/%2e%2e/internal/diagnostics", "/static/%2E%2E/internal/diagnostics", "/%69nternal/diagnostics",
            "/internal%2fdiagnostics", "/internal%2Fdiagnostics", "/internal%252fdiagnostics", "/%2569nternal/diagnostics",
            "/static/%252e%252e/internal/diagnostics", "/INTERNAL/diagnostics", "/Internal/Diagnostics",
            "/internal/diagnostics/", "/internal/diagnostics.", "/internal/diagnostics./", "/internal./diagnostics",
            "/internal/diagnostics%20", "/internal/diagnostics%00", "/internal//diagnostics", "/internal/diagnostics?x=/..",
            "/internal\\diagnostics", "/internal%5cdiagnostics");

    @Test
    default void noSpellingOfAGuardedPathReachesTheEndpoint() {
        HttpSession alice = signedIn();
        List<Attack> rows = new ArrayList<>();
        rows.add(Attack.control("control: the secret opens /internal/diagnostics", 200, DIAGNOSTICS_BODY,
                () -> send("GET", "/internal/diagnostics", List.of("X-Internal-Secret: " + SampleDeployment.GUARD_SECRET), null)));
        for (String path : GUARDED_SPELLINGS) {
            // The guard's answer is the unknown path's (404 signed in); a container may refuse a spelling itself (400),
            // or (Payara's static files, for "/static/..;/internal/diagnostics") redirect it to a spelling of its own:
            // then the redirect must stay on the site and what it leads to must not be the endpoint either.
            rows.add(Attack.of("signed in, " + path, FOUR_XX_OR_REDIRECT, DIAGNOSTICS_BODY,
                    () -> send("GET", path, List.of("Cookie: " + cookies(alice)), null))
                    .and("a redirect stays here and does not lead to the endpoint", a -> redirectLeadsNowhere(a, alice)));
            rows.add(Attack.of("signed in, POST with the CSRF pair, " + path, FOUR_XX_OR_REDIRECT, DIAGNOSTICS_BODY,
                    () -> send("POST", path, List.of("Cookie: " + cookies(alice), "X-XSRF-TOKEN: " + alice.csrfToken(),
                            "Content-Type: application/json"), "{}"))
                    .and("a redirect stays here and does not lead to the endpoint", a -> redirectLeadsNowhere(a, alice)));
        }
        run("guard", rows);
    }

    /** Spellings that start with or pass through a public path; none may get past the gate anonymously. */
    List<String> GATED_STATIC_SPELLINGS = List.of(
            "/static/app.js;x=y", "/static/app.js;jsessionid=0123456789ABCDEF", "//static/app.js", "/STATIC/app.js",
            "/%73tatic/app.js", "/static%2fapp.js", "/static%2Fapp.js", "/static/./app.js", "/static//app.js",
            "/auth/sign-in/..;/static/app.js", "/auth/sign-in;/../static/app.js", "/auth/sign-in/../static/app.js",
            "/auth/sign-in%2f..%2fstatic/app.js", "/auth/sign-in/%2e%2e/static/app.js", "/auth/sign-in/%2E%2E/static/app.js",
            "/auth/sign-in%252f..%252fstatic/app.js", "/auth/sign-in/%252e%252e/static/app.js",
            "/health/..;/static/app.js", "/health;/static/app.js", "/health/../static/app.js", "/health%2f..%2fstatic/app.js",
            "/auth/csrf/..;/..;/static/app.js", "/csp-report/..;/static/app.js", "/static/app.js.", "/static/app.js/",
            "/static\\app.js", "/health\\..\\static\\app.js");

    List<String> GATED_PROFILE_SPELLINGS = List.of(
            "/api/profile;jsessionid=0123456789ABCDEF", "/api/profile/", "/api/profile.", "/API/profile", "//api/profile",
            "/auth/..;/api/profile", "/health/..;/api/profile", "/auth/sign-in/../../api/profile", "/health%2f..%2fapi/profile",
            "/health/%2e%2e/api/profile");

    @Test
    default void noSpellingOfAPathGetsPastTheGateAnonymously() {
        List<Attack> rows = new ArrayList<>();
        rows.add(Attack.control("control: the sign-in page is public", 200, "<form",
                () -> send("GET", "/auth/sign-in", List.of(), null)));
        for (String path : GATED_STATIC_SPELLINGS) {
            // A spelling that some container resolves to the public /health itself (Payara drops "/static/app.js"
            // after ";" as a path parameter) reaches only that public answer: not a way past the gate.
            rows.add(Attack.of("anonymous, " + path, FOUR_XX_OR_OK, STATIC_BODY, () -> send("GET", path, List.of(), null))
                    .and("a 200 only for the public /health itself", a -> a.status() != 200
                            || path.startsWith("/health") && a.body().contains(HEALTH_BODY)));
        }
        for (String path : GATED_PROFILE_SPELLINGS) {
            rows.add(Attack.of("anonymous, " + path, ANY_4XX, PROFILE_BODY, () -> send("GET", path, List.of(), null)));
        }
        run("gate", rows);
    }

    // ---- open redirects --------------------------------------------------------------------------------

    /**
     * {@code returnTo} values that leave the site if taken as they are, or after one decoding too many. A
     * double-encoded value ({@code /%2F/evil.example}) is a path on this site taken literally: browsers do not
     * decode {@code %2F} in a path, so it stays here; what must never happen is a {@code Location} that leaves.
     */
    List<String> FOREIGN_RETURN_TO = List.of("//evil.example", "//evil.example/", "/\\evil.example", "\\\\evil.example",
            "\\/evil.example", "https:evil.example", "https://evil.example/", "http:/evil.example", "HTTPS://evil.example",
            "javascript:alert(1)", "data:text/html,x", "//evil.example/%2e%2e", "/%2F/evil.example", "/%2f%2fevil.example",
            "%2F%2Fevil.example", "/%5Cevil.example", "%5C%5Cevil.example", "%252F%252Fevil.example",
            "/%252F%252Fevil.example", "/%255Cevil.example", "/\t/evil.example", "\t//evil.example", "/\n/evil.example",
            "/\r\n/evil.example", " //evil.example", "/%09/evil.example", "/%E3%80%82/evil.example", "/.//evil.example",
            "/..//evil.example", "///evil.example", "/\\/evil.example");

    @Test
    default void noReturnToLeavesTheSite() {
        List<Executable> checks = new ArrayList<>();
        List<String> rows = new ArrayList<>(FOREIGN_RETURN_TO);
        rows.add("/api/profile?tab=1");
        for (String returnTo : rows) {
            checks.add(() -> {
                HttpSession browser = new HttpSession(base()).userAgent(BROWSER).manualCsrf();
                HttpResponse<String> page = SignInPageTests.navigate(browser, "auth/sign-in?returnTo="
                        + URLEncoder.encode(returnTo, StandardCharsets.UTF_8));
                assertEquals(200, page.statusCode(), "returnTo " + printable(returnTo) + ": the sign-in page");
                HttpResponse<String> signedIn = SignInPageTests.submit(browser, "auth/login", "_csrf="
                        + URLEncoder.encode(SignInPageTests.csrfField(page), StandardCharsets.UTF_8) + "&returnTo="
                        + URLEncoder.encode(returnTo, StandardCharsets.UTF_8) + "&username=alice&password=alice123");
                String location = signedIn.headers().firstValue("Location").orElse("");
                assertEquals(303, signedIn.statusCode(), "returnTo " + printable(returnTo) + ": " + signedIn.body());
                assertTrue(staysOnOrigin(location), "returnTo " + printable(returnTo) + " led to " + printable(location));
                if (!FOREIGN_RETURN_TO.contains(returnTo)) {
                    URI back = base().resolve(location);
                    assertEquals("/api/profile?tab=1", back.getRawPath() + "?" + back.getRawQuery(),
                            "control: a path inside the application is kept");
                }
            });
        }
        assertAll("returnTo after a form sign-in", checks);
    }

    /** Navigations to spellings of another host: the gate's redirect and the sign-in it leads to stay here. */
    @Test
    default void theGatesRedirectNeverLeavesTheSite() {
        List<Executable> checks = new ArrayList<>();
        for (String path : List.of("//evil.example/x", "///evil.example/x", "/%2F%2Fevil.example", "/%2F/evil.example",
                "/%252F%252Fevil.example", "/\\evil.example", "/%5Cevil.example", "/..;//evil.example",
                "/x/..//evil.example", "/.%2F/evil.example")) {
            checks.add(() -> {
                RawHttp.Answer answer = send("GET", path, List.of("Sec-Fetch-Mode: navigate", "Sec-Fetch-Site: none",
                        "Accept: text/html"), null);
                assertTrue(Set.of(302, 400, 404).contains(answer.status()), path + ": " + answer.head());
                assertFalse(LEAK.matcher(answer.body()).find(), path + ": " + abbreviated(answer.body()));
                if (answer.status() != 302) {
                    return; // the container refused the spelling itself
                }
                String location = header(answer, "Location");
                assertTrue(staysOnOrigin(location), path + " was sent to " + printable(location));
                Matcher m = Pattern.compile("[?&]returnTo=([^&]*)").matcher(location);
                assertTrue(m.find(), path + ": the way back is kept: " + location);
                // The sign-in page takes the returnTo the gate gave; signing in from there stays on the site.
                String returnTo = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
                HttpSession browser = new HttpSession(base()).userAgent(BROWSER).manualCsrf();
                HttpResponse<String> page = SignInPageTests.navigate(browser, "auth/sign-in?returnTo=" + m.group(1));
                HttpResponse<String> signedIn = SignInPageTests.submit(browser, "auth/login", "_csrf="
                        + URLEncoder.encode(SignInPageTests.csrfField(page), StandardCharsets.UTF_8) + "&returnTo="
                        + m.group(1) + "&username=alice&password=alice123");
                String after = signedIn.headers().firstValue("Location").orElse("");
                assertEquals(303, signedIn.statusCode(), path + ": " + signedIn.body());
                assertTrue(staysOnOrigin(after), path + " (returnTo " + printable(returnTo) + ") led to " + printable(after));
            });
        }
        assertAll("the gate's redirect", checks);
    }

    /**
     * Whether a browser that follows {@code location} (from a page of this origin) stays on it: the URL
     * parser's steps that matter (WHATWG URL: surrounding spaces and controls dropped, tabs and line breaks
     * removed anywhere, a backslash read as a slash in http(s) URLs), then either a path on this host or an
     * absolute URL of this very origin.
     */
    /** Not a redirect; or one that stays on the site and, followed once, does not answer with the endpoint's body. */
    private boolean redirectLeadsNowhere(RawHttp.Answer answer, HttpSession session) {
        if (answer.status() < 300 || answer.status() >= 400) {
            return true;
        }
        String location = header(answer, "Location");
        if (location.isEmpty() || !staysOnOrigin(location)) {
            return false;
        }
        String target = location.startsWith(origin()) ? location.substring(origin().length()) : location;
        String pathOnly = target.startsWith(base().getPath().replaceAll("/$", "") + "/")
                ? target.substring(base().getPath().replaceAll("/$", "").length()) : target;
        RawHttp.Answer followed = send("GET", pathOnly, List.of("Cookie: " + cookies(session)), null);
        // Payara sends "/static/..;/internal/diagnostics" to the site's root: a page of the site, not the endpoint.
        return followed.status() < 500 && !followed.body().contains(DIAGNOSTICS_BODY);
    }

    private boolean staysOnOrigin(String location) {
        String s = location.replaceAll("^[\\x00-\\x20]+|[\\x00-\\x20]+$", "").replaceAll("[\\t\\n\\r]", "").replace('\\', '/');
        if (s.startsWith("//")) {
            return false;
        }
        if (s.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
            return s.toLowerCase(Locale.ROOT).startsWith(origin().toLowerCase(Locale.ROOT) + "/");
        }
        return true;
    }

    private static String printable(String s) {
        return s.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    // ---- cut-off bodies ----------------------------------------------------------------------------------

    /**
     * Bodies announced longer than sent, trickled, or announced over a limit: the pack's JSON refusal within
     * the deadline (2 s here; 408 for a body that does not arrive, 413 over the limit), never a 500, never an
     * exception's name, and the endpoint never acts on half a body. A form the CSRF filter reads blocking and
     * whose body stops is ended by the container's read timeout instead (5 s on the test servers).
     */
    @Test
    default void cutOffAndOversizedBodiesAreRefusedInTime() {
        HttpSession alice = signedIn();
        HttpSession visitor = new HttpSession(base()).userAgent(BROWSER).manualCsrf();
        visitor.get("auth/csrf");
        String host = "Host: " + base().getHost() + ":" + base().getPort() + "\r\nUser-Agent: " + BROWSER;
        String form = "POST %s HTTP/1.1\r\n" + host + "\r\nCookie: " + cookies(alice)
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\n";
        String login = "POST %s HTTP/1.1\r\n" + host + "\r\nCookie: " + cookies(visitor) + "\r\nX-XSRF-TOKEN: "
                + visitor.csrfToken() + "\r\nContent-Type: application/json\r\n";
        String report = "POST %s HTTP/1.1\r\n" + host + "\r\nContent-Type: application/csp-report\r\n";
        Duration wait = Duration.ofSeconds(30);
        Predicate<RawHttp.Answer> atOnce = a -> a.took().compareTo(Duration.ofSeconds(8)) < 0;
        // The 2 s deadline (or the test servers' 5 s read timeouts), with a generous margin for a loaded machine.
        Predicate<RawHttp.Answer> inTime = a -> a.took().compareTo(Duration.ofSeconds(20)) < 0;
        String signedIn = CsrfTests.ACCESS_COOKIE + "=";
        run("bodies", List.of(
                Attack.of("a form announced far over the form limit, 7 bytes sent", 413, NOTE_CREATED,
                                () -> RawHttp.exchange(base(), form.formatted(path("/api/notes")) + "Content-Length: 104857600",
                                        "text=hi", wait))
                        .and("without waiting for the body", atOnce),
                Attack.of("a sign-in announced far over its limit, 7 bytes sent", 413, signedIn,
                                () -> RawHttp.exchange(base(), login.formatted(path("/auth/login")) + "Content-Length: 104857600",
                                        "{\"user", wait))
                        .and("without waiting for the body", atOnce),
                Attack.of("a sign-in announced as 100 bytes, 7 sent", 408, signedIn,
                                () -> RawHttp.exchange(base(), login.formatted(path("/auth/login")) + "Content-Length: 100",
                                        "{\"user", wait))
                        .and("within the deadline", inTime),
                Attack.of("a sign-in trickled a byte a second", 408, signedIn,
                                () -> RawHttp.trickle(base(), login.formatted(path("/auth/login")) + "Content-Length: 100",
                                        Duration.ofSeconds(1), wait))
                        .and("within the deadline", inTime),
                Attack.of("a form trickled a byte a second", 408, NOTE_CREATED,
                                () -> RawHttp.trickle(base(), form.formatted(path("/api/notes")) + "Content-Length: 100",
                                        Duration.ofSeconds(1), wait))
                        .and("within the deadline", inTime)
                        .and("the pack's JSON", a -> a.body().equals("{\"error\":\"body_timeout\"}")),
                // Read blocking by the CSRF filter, so ended by the container's read timeout, 5 s on every test
                // server (docs/operations.md): Payara lets the pack answer, Tomcat answers 408 itself, WildFly
                // closes the connection without an answer. Each in time, none a 500.
                Attack.of("a form announced as 100 bytes, 7 sent", stoppedFormAnswer(), NOTE_CREATED,
                                () -> RawHttp.exchangeOrClosed(base(), form.formatted(path("/api/notes"))
                                        + "Content-Length: 100", "text=hi", Duration.ofSeconds(90)))
                        .and("within the container's read timeout", inTime)
                        .and("the pack's JSON where the pack answers", a -> !"payara".equals(container())
                                || a.body().equals("{\"error\":\"body_timeout\"}")),
                Attack.of("a CSP report announced as 100 bytes, 7 sent", 408, null,
                                () -> RawHttp.exchange(base(), report.formatted(path("/csp-report")) + "Content-Length: 100",
                                        "{\"csp-r", wait))
                        .and("within the deadline", inTime)
                        .and("the pack's JSON", a -> a.body().equals("{\"error\":\"body_timeout\"}"))));
    }

    private static String container() {
        return System.getProperty("it.container", "");
    }

    /** What each container answers a form whose body stops arriving, once its read timeout has passed. */
    private static Set<Integer> stoppedFormAnswer() {
        return switch (container()) {
            case "wildfly" -> Set.of(RawHttp.CLOSED);
            case "payara", "tomcat" -> Set.of(408);
            default -> throw new IllegalStateException("no expectation for container '" + container() + "'");
        };
    }

    // ---- the runner --------------------------------------------------------------------------------------

    private void run(String table, List<Attack> rows) {
        List<Executable> checks = new ArrayList<>();
        for (Attack row : rows) {
            checks.add(() -> {
                RawHttp.Answer answer;
                try {
                    answer = row.send().call();
                } catch (Exception | AssertionError e) {
                    throw new AssertionError(table + ": " + row.name() + ": no answer: " + e, e);
                }
                String seen = answer.status() + " " + abbreviated(answer.body());
                assertTrue(row.expected().contains(answer.status()),
                        table + ": " + row.name() + ": expected " + describe(row.expected()) + ", got " + seen);
                if (row.mustNotShow() != null) {
                    assertFalse(answer.body().contains(row.mustNotShow()) || answer.head().contains(row.mustNotShow()),
                            table + ": " + row.name() + ": the attack worked, the answer shows " + row.mustNotShow() + ": " + seen);
                }
                assertFalse(LEAK.matcher(answer.body()).find(),
                        table + ": " + row.name() + ": a stack trace or exception name in the body: " + seen);
                assertTrue(row.also().test(answer), table + ": " + row.name() + ": " + row.alsoMeans() + "; got "
                        + answer.head() + abbreviated(answer.body()) + " after " + answer.took().toMillis() + " ms");
            });
        }
        assertAll(table, checks);
    }

    private static String describe(Set<Integer> statuses) {
        return statuses.equals(ANY_4XX) ? "a 4xx" : statuses.toString();
    }

    private static String abbreviated(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private String path(String path) {
        return base().getPath().replaceAll("/$", "") + path;
    }

    private RawHttp.Answer send(String method, String path, List<String> headers, String body) {
        List<String> all = new ArrayList<>(headers);
        if (all.stream().noneMatch(h -> h.startsWith("User-Agent:"))) {
            all.add("User-Agent: " + BROWSER);
        }
        try {
            return RawHttp.send(base(), method, path(path), all, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String header(RawHttp.Answer answer, String name) {
        for (String line : answer.head().split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return "";
    }

    private HttpSession signedIn() {
        HttpSession alice = new HttpSession(base()).userAgent(BROWSER);
        assertEquals(200, alice.login("alice", "alice123").statusCode(), "sign-in for the table");
        return alice.manualCsrf();
    }

    private static String cookies(HttpSession session) {
        return session.cookieHeader();
    }

    private String origin() {
        URI b = base();
        return b.getScheme() + "://" + b.getHost() + (b.getPort() == -1 ? "" : ":" + b.getPort());
    }
}
