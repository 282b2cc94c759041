package io.ssrguard.csrf;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ssrguard.http.BadRequestException;
import io.ssrguard.http.FakeHttp;
import io.ssrguard.testing.FuzzBudget;
import io.ssrguard.testing.FuzzInput;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fuzzes the CSRF/SSR token: the decoder of the presented header value (base64url, AES-GCM under
 * a fixed test key, then the payload), the payload's JSON reader on its own (an authentic token
 * minted by a broken SSR server reaches it), and the form-field reader of URL-encoded bodies.
 *
 * <p>Invariants: {@code decode} gives a token or {@link CsrfRejectedException}; the JSON reader
 * a token or {@link IllegalArgumentException}; the form reader a value (never longer than a
 * token) or {@link BadRequestException} (4xx) or {@link CsrfRejectedException}. Nothing else, each
 * call under {@link FuzzInput#BOUND}.
 */
class CsrfTokenFuzzTest {

    /** A test-only AES-256 key (bytes 0..31); the seed tokens of decode are sealed with it. */
    static final SecretKeySpec KEY = new SecretKeySpec(sequence(32), "AES");

    private final CsrfTokenCodec codec = new CsrfTokenCodec(List.of(KEY),
            Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC), new SecureRandom());
    private final FormFieldToken formField = new FormFieldToken("_csrf", 8 * 1024, java.time.Duration.ofSeconds(10), java.time.Clock.systemUTC());

    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void decode(byte[] data) throws Exception {
        String token = FuzzInput.latin1(data);
        FuzzInput.bounded("CSRF token decoding", () -> {
            try {
                CsrfToken decoded = codec.decode(token);
                assertNotNull(decoded.purpose(), "a decoded token has a purpose");
            } catch (CsrfRejectedException refused) {
                assertNotNull(refused.reason(), "a refusal has a reason");
            }
        });
    }

    /** Input: the decrypted payload, as UTF-8 (how decode hands it to the reader). */
    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void payloadJson(byte[] data) throws Exception {
        String json = new String(data, java.nio.charset.StandardCharsets.UTF_8);
        FuzzInput.bounded("CSRF payload parsing", () -> {
            try {
                CsrfToken token = CsrfTokenJson.read(json);
                assertNotNull(token.salt(), "a parsed payload has its salt");
                assertNotNull(token.userAgentHash(), "a parsed payload has its user-agent hash");
            } catch (IllegalArgumentException refused) {
                assertTrue(refused.getMessage().startsWith("malformed token payload"), refused.getMessage());
            }
        });
    }

    /** Input: a URL-encoded form body posted without the token header. */
    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void formField(byte[] body) throws Exception {
        FakeHttp.Request request = new FakeHttp.Request().method("POST")
                .body("application/x-www-form-urlencoded", body);
        FuzzInput.bounded("CSRF form field reading", () -> {
            try {
                FormFieldToken.Read read = formField.read(request.build());
                assertNotNull(read.request(), "the request is handed on");
                assertTrue(read.token() == null || read.token().length() <= FormFieldToken.MAX_TOKEN_CHARS,
                        "a field longer than any token was taken as one");
            } catch (BadRequestException refused) {
                assertTrue(refused.status() >= 400 && refused.status() < 500, "refusal status " + refused.status());
            } catch (CsrfRejectedException refused) {
                assertNotNull(refused.reason(), "a refusal has a reason");
            }
        });
    }

    private static byte[] sequence(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }
}
