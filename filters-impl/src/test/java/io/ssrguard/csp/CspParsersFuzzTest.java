package io.ssrguard.csp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ssrguard.http.BadRequestException;
import io.ssrguard.testing.FuzzBudget;
import io.ssrguard.testing.FuzzInput;

/**
 * Fuzzes the two CSP parsers of outside input: violation reports from browsers (anyone can post
 * them) and policy text from the CMS, a file or a table.
 *
 * <p>Invariants: a report gives a list of violations or {@link BadRequestException} with a 4xx
 * status, whose summary kind has short printable fields and no path or query in the blocked
 * origin; a policy gives a {@link CspPolicy} whose header value is one line of printable ASCII
 * without a comma and parses back to itself, or {@link InvalidPolicyException}. Nothing else,
 * each call under {@link FuzzInput#BOUND}.
 */
class CspParsersFuzzTest {

    private final CspReportParser reports = new CspReportParser();
    private final CspPolicyParser policies = new CspPolicyParser(CspSettings.DEFAULT_MAX_LENGTH,
            CspSettings.DEFAULT_PLACEHOLDER);

    /** Input: the Content-Type line, then the body. */
    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void violationReport(byte[] data) throws Exception {
        String contentType = FuzzInput.lines(data, 2)[0];
        byte[] body = FuzzInput.afterFirstLine(data);
        // The servlet reads at most the configured limit; a longer body never reaches the parser.
        if (body.length > CspSettings.DEFAULT_REPORT_MAX_BYTES) {
            return;
        }
        FuzzInput.bounded("CSP report parsing", () -> {
            try {
                for (CspViolation v : reports.parse(contentType, body)) {
                    assertNotNull(v, "a report list holds no null");
                    // What the summary keeps: short printable fields, a blocked URL reduced to an origin.
                    CspViolationSummary.Kind kind = CspViolationSummary.Kind.of(v);
                    for (String field : new String[] {kind.directive(), kind.blocked(), kind.source()}) {
                        assertTrue(field.length() <= CspViolationSummary.MAX_FIELD, "long field " + field);
                        assertTrue(field.chars().allMatch(c -> c > 0x20 && c < 0x7f), "non-printable in " + field);
                    }
                    int authority = kind.blocked().indexOf("://");
                    assertFalse(kind.blocked().indexOf('/', authority < 0 ? 0 : authority + 3) >= 0 && authority >= 0,
                            "a path in the blocked origin " + kind.blocked());
                    assertFalse(kind.blocked().contains("?") || kind.source().contains("?"), "a query in " + kind);
                }
            } catch (BadRequestException refused) {
                assertTrue(refused.status() >= 400 && refused.status() < 500, "refusal status " + refused.status());
            }
        });
    }

    /** Input: policy text as a CMS would serve it (UTF-8). */
    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void policyText(byte[] data) throws Exception {
        String text = new String(data, java.nio.charset.StandardCharsets.UTF_8);
        FuzzInput.bounded("CSP policy parsing", () -> {
            try {
                CspPolicy policy = policies.parse(text);
                String header = policy.serialize();
                assertTrue(header.chars().allMatch(c -> c >= 0x20 && c <= 0x7e), "non-printable character in " + header);
                assertFalse(header.contains(","), "comma in " + header);
                assertEquals(header, policies.parse(header).serialize(), "an accepted policy does not parse back to itself");
            } catch (InvalidPolicyException refused) {
                assertNotNull(refused.getMessage(), "a refusal says what is wrong");
            }
        });
    }
}
