package io.ssrguard.csp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns policy text from any source into a {@link CspPolicy}, or refuses it.
 * This is the gate between content (a CMS, a file, a table) and a response
 * header, so it is deliberately strict:
 * <ul>
 * <li>only printable ASCII: a CR or LF could end the header and start another
 *     ({@code Set-Cookie} from the CMS), other control characters and non-ASCII
 *     are not valid in a policy either; whitespace around the whole text (a
 *     file's final newline) is trimmed first;</li>
 * <li>no comma: it would start a second policy in the same header;</li>
 * <li>directive names from the CSP Level 3 list only, each at most once, so a
 *     typo does not silently weaken the policy;</li>
 * <li>quoted keywords must be known ({@code 'self'}, {@code 'sha256-…'}, …), and
 *     a fixed {@code 'nonce-…'} is refused because a nonce that never changes
 *     protects nothing; write {@code 'nonce-{nonce}'} to place the per-request one;</li>
 * <li>not empty, not longer than the configured bound.</li>
 * </ul>
 */
public final class CspPolicyParser {

    /** Directive names a policy may use (CSP Level 3, Trusted Types, and still-honoured older ones). */
    public static final Set<String> KNOWN_DIRECTIVES = Set.of(
            "default-src", "script-src", "script-src-elem", "script-src-attr",
            "style-src", "style-src-elem", "style-src-attr", "img-src", "font-src", "connect-src",
            "media-src", "object-src", "frame-src", "child-src", "worker-src", "manifest-src",
            "fenced-frame-src", "prefetch-src", "base-uri", "form-action", "frame-ancestors", "sandbox",
            "upgrade-insecure-requests", "block-all-mixed-content", "report-uri", "report-to",
            "require-trusted-types-for", "trusted-types", "webrtc");

    private static final Set<String> KEYWORDS = Set.of(
            "'self'", "'none'", "'unsafe-inline'", "'unsafe-eval'", "'strict-dynamic'", "'unsafe-hashes'",
            "'report-sample'", "'unsafe-allow-redirects'", "'wasm-unsafe-eval'", "'inline-speculation-rules'",
            "'trusted-types-eval'", "'allow-duplicates'", "'script'", "'allow'", "'block'");

    private final int maxLength;
    private final String noncePlaceholder;

    /**
     * @param maxLength        longest accepted policy after trimming, in characters
     * @param noncePlaceholder text that stands for the per-request nonce, as in {@code 'nonce-{nonce}'}
     */
    public CspPolicyParser(int maxLength, String noncePlaceholder) {
        this.maxLength = maxLength;
        this.noncePlaceholder = noncePlaceholder;
    }

    /** Parses and validates; the exception message says what is wrong. */
    public CspPolicy parse(String text) throws InvalidPolicyException {
        if (text == null) {
            throw new InvalidPolicyException("no policy text");
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidPolicyException("the policy is empty");
        }
        if (trimmed.length() > maxLength) {
            throw new InvalidPolicyException("the policy has " + trimmed.length() + " characters, more than the "
                    + maxLength + " allowed");
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new InvalidPolicyException(String.format("control or non-ASCII character U+%04X at position %d"
                        + " (a policy is one line of printable ASCII)", (int) c, i));
            }
            if (c == ',') {
                throw new InvalidPolicyException("comma at position " + i + ": one policy per header;"
                        + " percent-encode commas in URLs");
            }
        }
        List<CspDirective> directives = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String part : trimmed.split(";")) {
            String directive = part.strip();
            if (directive.isEmpty()) {
                continue;
            }
            String[] tokens = directive.split(" +");
            String name = tokens[0].toLowerCase(Locale.ROOT);
            if (!KNOWN_DIRECTIVES.contains(name)) {
                throw new InvalidPolicyException("unknown directive '" + excerpt(tokens[0]) + "'");
            }
            if (!seen.add(name)) {
                throw new InvalidPolicyException("directive '" + name + "' appears twice; browsers ignore the second");
            }
            List<String> values = new ArrayList<>(tokens.length - 1);
            for (int i = 1; i < tokens.length; i++) {
                values.add(checkValue(name, tokens[i]));
            }
            directives.add(new CspDirective(name, values));
        }
        if (directives.isEmpty()) {
            throw new InvalidPolicyException("the policy has no directive");
        }
        return new CspPolicy(directives);
    }

    private String checkValue(String directive, String token) throws InvalidPolicyException {
        if (!token.startsWith("'")) {
            return token;
        }
        String lower = token.toLowerCase(Locale.ROOT);
        if (lower.startsWith("'nonce-")) {
            if (!token.contains(noncePlaceholder)) {
                throw new InvalidPolicyException("fixed nonce in " + directive + ": write 'nonce-" + noncePlaceholder
                        + "' so that every response gets a fresh one");
            }
            return token;
        }
        if (KEYWORDS.contains(lower)) {
            return lower;
        }
        if ((lower.startsWith("'sha256-") || lower.startsWith("'sha384-") || lower.startsWith("'sha512-"))
                && token.endsWith("'") && token.length() > 9) {
            return token;
        }
        throw new InvalidPolicyException("unknown keyword " + excerpt(token) + " in " + directive);
    }

    private static String excerpt(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
