package io.ssrguard.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.Base64URL;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The attack table: hostile requests of every kind the attack pass tried, one row each, run as container
 * tests in {@link FilterChainIT}'s deployment (the {@code test} profile: gate, guard, CSRF, CSP and headers
 * on; bodies read within 2 s). Each row names the status it must get; every answer is also checked for a
 * stack trace or an exception name in its body and for a 500. Rows already covered elsewhere are not
 * repeated here: {@code alg: none}, HS256 keyed with the public key, tampered, expired and oversized tokens
 * ({@link CookieAuthenticationIT}); a missing, mismatched, other-session, other-User-Agent or cross-site
 * CSRF token ({@link CsrfTests}); an expired CSRF or SSR token ({@link ShortTtlIT}); an open-redirect
 * {@code returnTo} on the OpenID Connect login ({@link OidcSignInIT}); a cut-off sign-in or CSP report
 * body ({@link CookieAuthenticationIT}). The rows are sent over a raw socket, so that paths reach the
 * container byte for byte as written.
 */
public interface AttackTableTests {

    String BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 ssrguard-attack";

    /** A stack trace line, a qualified exception class name, or a bare one. */
    Pattern LEAK = Pattern.compile("\\bat [\\w.$]+\\(|(?:[a-z]\\w*\\.)+[A-Z]\\w*(?:Exception|Error)\\b"
            + "|\\b\\w*Exception\\b|\\.java:\\d+");

    URI base();

    /**
     * One row: what is sent, the statuses it may get (one, or the one and the container's own 400 for a
     * request line a container refuses), and what else the answer must show.
     */
    record Attack(String name, Set<Integer> expected, Callable<RawHttp.Answer> send, Predicate<RawHttp.Answer> also,
                  String alsoMeans) {

        static Attack of(String name, int status, Callable<RawHttp.Answer> send) {
            return new Attack(name, Set.of(status), send, a -> true, "");
        }

        static Attack of(String name, Set<Integer> statuses, Callable<RawHttp.Answer> send) {
            return new Attack(name, statuses, send, a -> true, "");
        }

        Attack and(String means, Predicate<RawHttp.Answer> check) {
            return new Attack(name, expected, send, also.and(check), alsoMeans.isEmpty() ? means : alsoMeans + "; " + means);
        }
    }

    // ---- forged access tokens -------------------------------------------------------------------------

    @Test
    default void forgedTokenHeadersAreRefused() {
        String kid = TestKeys.SIGNING.getKeyID();
        run("forged token", List.of(
                tokenRow("control: a token the deployment's key signed", 200,
                        ForgedTokens.signedByDeploymentKey(c -> c)),
                tokenRow("kid traversal ../../../../etc/passwd, a stranger's signature", 401,
                        ForgedTokens.withHeader(TestKeys.STRANGER, h -> h.keyID("../../../../etc/passwd"))),
                tokenRow("kid traversal to /dev/null, a stranger's signature", 401,
                        ForgedTokens.withHeader(TestKeys.STRANGER, h -> h.keyID("/dev/null"))),
                tokenRow("kid as SQL, a stranger's signature", 401,
                        ForgedTokens.withHeader(TestKeys.STRANGER, h -> h.keyID("x' OR '1'='1"))),
                tokenRow("kid of the deployment key, a stranger's signature", 401,
                        ForgedTokens.withHeader(TestKeys.STRANGER, h -> h.keyID(kid))),
                tokenRow("jku to the attacker's JWKS, signed by the attacker", 401,
                        ForgedTokens.withHeader(TestKeys.STRANGER, h -> h.jwkURL(URI.create("https://evil.example/jwks.json")))),
                tokenRow("jku and the deployment's kid, signed by the attacker", 401,
                        ForgedTokens.withHeader(TestKeys.STRANGER, h -> h.keyID(kid)
                                .jwkURL(URI.create("https://evil.example/jwks.json")))),
                tokenRow("x5u to the attacker's certificate, signed by the attacker", 401,
                        ForgedTokens.withHeader(TestKeys.STRANGER, h -> h.x509CertURL(URI.create("https://evil.example/cert.pem")))),
                tokenRow("embedded jwk (the attacker's public key), signed by it", 401,
                        ForgedTokens.withHeader(TestKeys.STRANGER, h -> h.jwk(TestKeys.STRANGER.toPublicJWK()))),
                tokenRow("embedded jwk under the deployment's kid, signed by the attacker", 401,
                        ForgedTokens.withHeader(TestKeys.STRANGER, h -> h.keyID(kid).jwk(TestKeys.STRANGER.toPublicJWK()))),
                tokenRow("an unknown critical header parameter, the deployment's own signature", 401,
                        ForgedTokens.withHeader(TestKeys.SIGNING, h -> h.criticalParams(Set.of("ssrguard-x"))
                                .customParam("ssrguard-x", true))),
                tokenRow("alg None", 401, ForgedTokens.unsignedWithHeader("{\"alg\":\"None\",\"typ\":\"JWT\"}")),
                tokenRow("alg NONE with the deployment's kid", 401,
                        ForgedTokens.unsignedWithHeader("{\"alg\":\"NONE\",\"kid\":\"" + kid + "\"}")),
                tokenRow("alg none with a signature of the deployment's token appended", 401,
                        ForgedTokens.unsignedWithHeader("{\"alg\":\"none\"}")
                                + ForgedTokens.signedByDeploymentKey(c -> c).substring(
                                ForgedTokens.signedByDeploymentKey(c -> c).lastIndexOf('.') + 1)),
                tokenRow("a header that is not JSON", 401,
                        Base64URL.encode("not json") + "." + Base64URL.encode("{}") + ".c2ln")));
    }

    private Attack tokenRow(String name, int status, String token) {
        return Attack.of(name, status, () -> send("GET", "/api/profile", List.of("Cookie: " + CookieAuthenticationIT.ACCESS_COOKIE + "=" + token), null));
    }

    // ---- duplicate and oversized cookies --------------------------------------------------------------

    @Test
    default void duplicateAndCrowdedCookiesDecideNothingForTheAttacker() {
        HttpSession alice = signedIn();
        String valid = alice.cookie(CookieAuthenticationIT.ACCESS_COOKIE);
        String forged = ForgedTokens.signed(TestKeys.STRANGER, c -> c.subject("admin").claim("upn", "admin"));
        String junk = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "c" + i + "=v" + i)
                .collect(Collectors.joining("; "));
        String token = alice.csrfToken();
        run("cookies", List.of(
                Attack.of("the first of two access cookies counts: valid, then garbage", 200,
                        () -> send("GET", "/api/profile", List.of("Cookie: " + CookieAuthenticationIT.ACCESS_COOKIE + "=" + valid + "; "
                                + CookieAuthenticationIT.ACCESS_COOKIE + "=garbage"), null)),
                Attack.of("the first of two access cookies counts: garbage, then valid", 401,
                        () -> send("GET", "/api/profile", List.of("Cookie: " + CookieAuthenticationIT.ACCESS_COOKIE + "=garbage; "
                                + CookieAuthenticationIT.ACCESS_COOKIE + "=" + valid), null)),
                Attack.of("a forged admin token before a valid one", 401,
                        () -> send("GET", "/api/admin", List.of("Cookie: " + CookieAuthenticationIT.ACCESS_COOKIE + "=" + forged + "; "
                                + CookieAuthenticationIT.ACCESS_COOKIE + "=" + valid), null)),
                Attack.of("two Cookie headers, a forged admin token in the second", 403,
                        () -> send("GET", "/api/admin", List.of("Cookie: " + CookieAuthenticationIT.ACCESS_COOKIE + "=" + valid,
                                "Cookie: " + CookieAuthenticationIT.ACCESS_COOKIE + "=" + forged), null))
                        .and("alice is not admin", a -> !a.body().contains("\"admin\"")),
                Attack.of("100 other cookies before the access cookie", 200,
                        () -> send("GET", "/api/profile", List.of("Cookie: " + junk + "; " + CookieAuthenticationIT.ACCESS_COOKIE + "=" + valid), null)),
                Attack.of("a tossed CSRF cookie before the real one (the header matches the real one)", 403,
                        () -> send("POST", "/api/notes", List.of("Cookie: " + CsrfTests.CSRF_COOKIE + "=" + "A".repeat(token.length())
                                + "; " + cookies(alice), "X-XSRF-TOKEN: " + token, "Content-Type: application/json"),
                                "{\"text\":\"tossed\"}"))));
    }

    // ---- CSRF ------------------------------------------------------------------------------------------

    @Test
    default void everyCsrfVariationTheOtherTestsLeaveOutIsRefused() {
        HttpSession alice = signedIn();
        String token = alice.csrfToken();
        String own = origin();
        String form = "text=hello&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        run("CSRF", List.of(
                note("control: the matching pair", 201, alice, List.of("X-XSRF-TOKEN: " + token)),
                note("Origin: own origin with a trailing slash", 403, alice,
                        List.of("X-XSRF-TOKEN: " + token, "Origin: " + own + "/")),
                note("Origin: own host on another port", 403, alice,
                        List.of("X-XSRF-TOKEN: " + token, "Origin: " + base().getScheme() + "://" + base().getHost() + ":1")),
                note("Origin: own host and port over https", 403, alice,
                        List.of("X-XSRF-TOKEN: " + token, "Origin: " + own.replaceFirst("^http:", "https:"))),
                note("Origin: own origin as the prefix of another host", 403, alice,
                        List.of("X-XSRF-TOKEN: " + token, "Origin: " + own + ".evil.example")),
                note("Sec-Fetch-Site: same-site from a sibling subdomain", 403, alice,
                        List.of("X-XSRF-TOKEN: " + token, "Sec-Fetch-Site: same-site",
                                "Origin: " + base().getScheme() + "://sibling." + base().getHost() + ":" + base().getPort())),
                note("two X-XSRF-TOKEN headers, garbage first", 403, alice,
                        List.of("X-XSRF-TOKEN: garbage", "X-XSRF-TOKEN: " + token)),
                Attack.of("the token in the query string instead of the header", 403,
                        () -> send("POST", "/api/notes?_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8),
                                List.of("Cookie: " + cookies(alice), "Content-Type: application/json"), "{\"text\":\"q\"}")),
                note("X-HTTP-Method-Override: GET without a token", 403, alice, List.of("X-HTTP-Method-Override: GET")),
                Attack.of("a lower-case method (post) without a token", Set.of(403, 501),
                        () -> send("post", "/api/notes", List.of("Cookie: " + cookies(alice), "Content-Type: application/json"),
                                "{\"text\":\"x\"}")),
                Attack.of("form: header and field disagree, a wrong header and the right field", 403,
                        () -> send("POST", "/api/notes", List.of("Cookie: " + cookies(alice), "X-XSRF-TOKEN: garbage",
                                "Content-Type: application/x-www-form-urlencoded"), form)),
                Attack.of("form: header and field disagree, the right header and a wrong field", 403,
                        () -> send("POST", "/api/notes", List.of("Cookie: " + cookies(alice), "X-XSRF-TOKEN: " + token,
                                "Content-Type: application/x-www-form-urlencoded"), "text=hello&_csrf=garbage")),
                Attack.of("form: the right header and the right field agree", 201,
                        () -> send("POST", "/api/notes", List.of("Cookie: " + cookies(alice), "X-XSRF-TOKEN: " + token,
                                "Content-Type: application/x-www-form-urlencoded"), "text=hello&_csrf="
                                + URLEncoder.encode(token, StandardCharsets.UTF_8))),
                Attack.of("form: the field twice, garbage first", 403,
                        () -> send("POST", "/api/notes", List.of("Cookie: " + cookies(alice),
                                "Content-Type: application/x-www-form-urlencoded"), "_csrf=garbage&" + form)),
                Attack.of("form: control, the right field alone", 201,
                        () -> send("POST", "/api/notes", List.of("Cookie: " + cookies(alice),
                                "Content-Type: application/x-www-form-urlencoded"), form))));
    }

    private Attack note(String name, int status, HttpSession session, List<String> headers) {
        List<String> all = new ArrayList<>(headers);
        all.add("Cookie: " + cookies(session));
        all.add("Content-Type: application/json");
        return Attack.of(name, status, () -> send("POST", "/api/notes", all, "{\"text\":\"from the table\"}"));
    }

    // ---- path encodings against the guard and the gate -----------------------------------------------

    /** Spellings of {@code /internal/diagnostics}; none may reach the endpoint without the secret. */
    List<String> GUARDED_SPELLINGS = List.of(
            "/internal/diagnostics;jsessionid=0123456789ABCDEF", "/internal/diagnostics;x=y", "/internal;x=y/diagnostics",
            "//internal/diagnostics", "/./internal/diagnostics", "/static/..;/internal/diagnostics",
            "/static/../internal/diagnostics", "/internal/%2e/diagnostics", "/internal/x/%2e%2e/diagnostics",
            "/%69nternal/diagnostics", "/internal%2fdiagnostics", "/internal%252fdiagnostics", "/%2569nternal/diagnostics",
            "/INTERNAL/diagnostics", "/Internal/Diagnostics", "/internal/diagnostics/", "/internal/diagnostics.",
            "/internal/diagnostics%20", "/internal/diagnostics%00", "/internal//diagnostics", "/internal/diagnostics?x=/..",
            "/internal\\diagnostics");

    @Test
    default void noSpellingOfAGuardedPathReachesTheEndpoint() {
        HttpSession alice = signedIn();
        List<Attack> rows = new ArrayList<>();
        for (String path : GUARDED_SPELLINGS) {
            rows.add(Attack.of("signed in, " + path, Set.of(404, 400),
                            () -> send("GET", path, List.of("Cookie: " + cookies(alice)), null))
                    .and("not the endpoint's answer", a -> !a.body().contains("uptimeMillis")));
        }
        rows.add(Attack.of("control: the secret opens /internal/diagnostics", 200,
                () -> send("GET", "/internal/diagnostics", List.of("X-Internal-Secret: " + SampleDeployment.GUARD_SECRET), null)));
        run("guard", rows);
    }

    /** Spellings that start with or pass through a public path; none may get past the gate anonymously. */
    List<String> GATED_SPELLINGS = List.of(
            "/api/profile;jsessionid=0123456789ABCDEF", "/static/app.js;x=y", "//static/app.js", "/STATIC/app.js",
            "/%73tatic/app.js", "/static%2fapp.js", "/static/./app.js", "/login/..;/static/app.js", "/login;/../static/app.js",
            "/login/../static/app.js", "/login%2f..%2fstatic/app.js", "/health/..;/static/app.js", "/health;/static/app.js",
            "/auth/csrf/..;/..;/static/app.js", "/auth/..;/api/profile", "/csp-report/..;/static/app.js",
            "/login/%2e%2e/static/app.js", "/login%252f..%252fstatic/app.js", "/static/app.js.", "/static/app.js/",
            "/internal/diagnostics;x=y", "/login/", "/health/");

    @Test
    default void noSpellingOfAPathGetsPastTheGateAnonymously() {
        List<Attack> rows = new ArrayList<>();
        for (String path : GATED_SPELLINGS) {
            rows.add(Attack.of("anonymous, " + path, Set.of(401, 400), () -> send("GET", path, List.of(), null)));
        }
        rows.add(Attack.of("control: /login is public", 200, () -> send("GET", "/login", List.of(), null)));
        run("gate", rows);
    }

    // ---- open redirects --------------------------------------------------------------------------------

    /** {@code returnTo} values that leave the site if taken as they are. */
    List<String> FOREIGN_RETURN_TO = List.of("//evil.example", "/\\evil.example", "\\\\evil.example", "https:evil.example",
            "https://evil.example/", "//evil.example/%2e%2e", "/%2F/evil.example", "%2F%2Fevil.example",
            "/%5Cevil.example", "%5C%5Cevil.example", "/\t/evil.example", " //evil.example", "javascript:alert(1)",
            "%252F%252Fevil.example", "http:/evil.example", "/\u3002/evil.example".replace("\u3002", "%E3%80%82"));

    @Test
    default void noReturnToLeavesTheSite() {
        List<Attack> rows = new ArrayList<>();
        for (String returnTo : FOREIGN_RETURN_TO) {
            String query = URLEncoder.encode(returnTo, StandardCharsets.UTF_8);
            rows.add(Attack.of("the sign-in page's returnTo " + returnTo, 200,
                            () -> send("GET", "/login?returnTo=" + query, List.of(), null))
                    .and("it goes home instead", a -> a.body().contains("const returnTo = \"\\u002f\";")));
        }
        rows.add(Attack.of("control: a path inside the application is kept", 200,
                        () -> send("GET", "/login?returnTo=%2Fnotes%3Ftab%3D1", List.of(), null))
                .and("kept", a -> a.body().contains("const returnTo = \"\\u002fnotes?tab=1\";")));
        for (String path : List.of("//evil.example/x", "/%2F%2Fevil.example", "/\\evil.example", "/..;//evil.example")) {
            rows.add(Attack.of("the gate's redirect for a navigation to " + path, Set.of(302, 400),
                            () -> send("GET", path, List.of("Sec-Fetch-Mode: navigate"), null))
                    .and("to the sign-in page of this site", a -> a.status() == 400
                            || header(a, "Location").startsWith(base().getPath().replaceAll("/$", "") + "/login?returnTo=")
                            || header(a, "Location").startsWith(origin() + "/login?returnTo=")));
        }
        run("returnTo", rows);
    }

    // ---- cut-off bodies ----------------------------------------------------------------------------------

    /**
     * Form bodies the CSRF filter reads for its field. A form announced over the limit is refused at once. A
     * cut-off or trickled form is refused with the pack's JSON, never a 500 or an exception's name, but only
     * when the container's own socket timeout ends the read (the filter reads blocking; the endpoints'
     * {@code ssrguard.http.body-timeout} does not apply there yet), so those rows are not in this table.
     */
    @Test
    default void formBodiesOverTheLimitAreRefusedAtOnce() {
        HttpSession alice = signedIn();
        String head = "POST %s HTTP/1.1\r\nHost: " + base().getHost() + ":" + base().getPort() + "\r\nUser-Agent: " + BROWSER
                + "\r\nCookie: " + cookies(alice) + "\r\nContent-Type: application/x-www-form-urlencoded\r\n";
        Duration wait = Duration.ofSeconds(15);
        Predicate<RawHttp.Answer> inTime = a -> a.took().compareTo(Duration.ofSeconds(5)) < 0;
        run("bodies", List.of(
                Attack.of("a form announced far over the form limit, 7 bytes sent", 413,
                                () -> RawHttp.exchange(base(), head.formatted(path("/api/notes")) + "Content-Length: 104857600",
                                        "text=hi", wait))
                        .and("without waiting for the body", inTime),
                Attack.of("a sign-in form announced far over the form limit, 7 bytes sent", 413,
                                () -> RawHttp.exchange(base(), head.formatted(path("/auth/login")) + "Content-Length: 104857600",
                                        "usernam", wait))
                        .and("without waiting for the body", inTime)));
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
                        table + ": " + row.name() + ": expected " + row.expected() + ", got " + seen);
                assertFalse(LEAK.matcher(answer.body()).find(),
                        table + ": " + row.name() + ": a stack trace or exception name in the body: " + seen);
                assertTrue(row.also().test(answer), table + ": " + row.name() + ": " + row.alsoMeans() + "; got "
                        + answer.head() + abbreviated(answer.body()));
            });
        }
        assertAll(table, checks);
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
        return session.request("").build().headers().firstValue("Cookie").orElse("");
    }

    private String origin() {
        URI b = base();
        return b.getScheme() + "://" + b.getHost() + (b.getPort() == -1 ? "" : ":" + b.getPort());
    }
}
