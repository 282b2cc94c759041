package io.ssrguard.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The internal endpoint guard for every method: a guarded path (the sample's {@code /internal/*}, a real
 * endpoint and a missing one, with no secret or a wrong one) answers exactly what an unknown path answers,
 * for {@code GET}, {@code HEAD}, {@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}, {@code OPTIONS},
 * {@code TRACE} and a method no container knows, anonymously and signed in, with and without a CSRF token.
 * Compared over a raw socket: the status line, every header but {@code Date} (the CSP nonce masked) and the
 * body (the request's own path masked, should the container print it). Implemented by a deployment with
 * the gate on ({@link FilterChainIT}) and one with it off ({@link CookieAuthenticationIT}).
 */
public interface GuardMethodsTests {

    List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "FOO");

    URI base();

    @Test
    default void everyMethodOnAGuardedPathAnswersLikeAnUnknownPathAnonymously() {
        assertIndistinguishableForEveryMethod("anonymous", List.of());
    }

    @Test
    default void everyMethodOnAGuardedPathAnswersLikeAnUnknownPathSignedIn() {
        HttpSession alice = new HttpSession(base());
        assertEquals(200, alice.login("alice", "alice123").statusCode());
        String cookies = alice.request("").build().headers().firstValue("Cookie").orElseThrow();
        alice.get("auth/csrf");
        String withToken = alice.request("").build().headers().firstValue("Cookie").orElseThrow();
        List<Executable> checks = new ArrayList<>(checksForEveryMethod("signed in, no CSRF token",
                List.of("Cookie: " + cookies)));
        checks.addAll(checksForEveryMethod("signed in, with a CSRF token",
                List.of("Cookie: " + withToken, "X-XSRF-TOKEN: " + alice.csrfToken())));
        assertAll("signed in", checks);
    }

    private void assertIndistinguishableForEveryMethod(String who, List<String> headers) {
        assertAll(who, checksForEveryMethod(who, headers));
    }

    private List<Executable> checksForEveryMethod(String who, List<String> headers) {
        String id = UUID.randomUUID().toString();
        String unknown = "/no-such-" + id;
        List<Executable> checks = new ArrayList<>();
        for (String method : METHODS) {
            String body = hasBody(method) ? "{\"n\":1}" : null;
            List<String> sent = new ArrayList<>(headers);
            if (body != null) {
                sent.add("Content-Type: application/json");
            }
            String expected = normalised(exchange(method, unknown, sent, body), unknown);
            for (String guarded : List.of("/internal/diagnostics", "/internal/" + id)) {
                checks.add(() -> assertEquals(expected, normalised(exchange(method, guarded, sent, body), guarded),
                        who + ": " + method + " " + guarded + " answers like " + method + " " + unknown));
            }
            List<String> wrongSecret = new ArrayList<>(sent);
            wrongSecret.add("X-Internal-Secret: " + SampleDeployment.GUARD_SECRET + "x");
            checks.add(() -> assertEquals(expected, normalised(exchange(method, "/internal/diagnostics", wrongSecret, body),
                    "/internal/diagnostics"), who + ": " + method + " /internal/diagnostics with a wrong secret"));
        }
        return checks;
    }

    private static boolean hasBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    private RawHttp.Answer exchange(String method, String path, List<String> headers, String body) {
        try {
            return RawHttp.send(base(), method, base().getPath().replaceAll("/$", "") + path, headers, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The answer as text, with what legitimately differs between two requests masked. */
    static String normalised(RawHttp.Answer answer, String path) {
        Function<String, String> mask = s -> s.replace(path, "{path}")
                .replaceAll("'nonce-[A-Za-z0-9+/_=-]+'", "'nonce-*'");
        StringBuilder text = new StringBuilder();
        for (String line : answer.head().split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (line.isEmpty() || lower.startsWith("date:")) {
                continue;
            }
            text.append(mask.apply(line)).append('\n');
        }
        return text.append('\n').append(mask.apply(answer.body())).toString();
    }
}
