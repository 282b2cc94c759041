package io.ssrguard.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ssrguard.http.BadRequestException;
import io.ssrguard.testing.FuzzBudget;
import io.ssrguard.testing.FuzzInput;

/**
 * Fuzzes the sign-in body, JSON and form. Invariant: a {@link LoginRequest} with a non-empty
 * user name and password free of control characters, or {@link BadRequestException} with a 4xx
 * status; nothing else, each call under {@link FuzzInput#BOUND}.
 */
class LoginRequestFuzzTest {

    private final LoginRequestParser parser = new LoginRequestParser();

    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void jsonBody(byte[] body) throws Exception {
        parse("application/json", body);
    }

    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void formBody(byte[] body) throws Exception {
        parse("application/x-www-form-urlencoded; charset=UTF-8", body);
    }

    private void parse(String contentType, byte[] body) throws Exception {
        if (body.length > LoginRequestParser.MAX_BODY_BYTES) {
            return; // refused by its length before the parser runs
        }
        FuzzInput.bounded("login body parsing", () -> {
            try {
                LoginRequest login = parser.parse(contentType, body);
                assertFalse(login.username().isEmpty() || login.password().isEmpty(), "accepted an empty credential");
                assertTrue(login.username().chars().noneMatch(c -> c < 0x20 || c == 0x7f), "control character in user name");
            } catch (BadRequestException refused) {
                assertTrue(refused.status() >= 400 && refused.status() < 500, "refusal status " + refused.status());
            }
        });
    }
}
