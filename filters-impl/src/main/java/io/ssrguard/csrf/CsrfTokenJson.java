package io.ssrguard.csrf;

import java.time.Instant;

/**
 * Writes and reads the token payload
 * {@code {"d":1732470000000,"p":"ssr","s":"…","ua":"…","sid":"…"}}.
 *
 * <p>Hand-written rather than a general JSON library, because it runs on
 * every unsafe request and the format is a flat object of five known fields.
 * The reader still accepts any JSON spelling of that object (whitespace, key
 * order, escapes, extra scalar fields) since external SSR servers mint tokens
 * with their own serialiser; nested values and duplicate keys are refused.
 */
final class CsrfTokenJson {

    private CsrfTokenJson() {
    }

    static String write(CsrfToken token) {
        StringBuilder b = new StringBuilder(128)
                .append("{\"d\":").append(token.issuedAt().toEpochMilli())
                .append(",\"p\":");
        string(b, token.purpose().wire()).append(",\"s\":");
        string(b, token.salt()).append(",\"ua\":");
        string(b, token.userAgentHash());
        if (token.sessionId() != null) {
            string(b.append(",\"sid\":"), token.sessionId());
        }
        return b.append('}').toString();
    }

    /**
     * Parses a payload.
     *
     * @throws IllegalArgumentException when it is not a well-formed payload
     */
    static CsrfToken read(String json) {
        return new Parser(json).payload();
    }

    private static StringBuilder string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"');
    }

    /** A strict single-use parser over one flat JSON object. */
    private static final class Parser {

        /** The known keys with their quotes, in the order minters write them. */
        private static final String[] KNOWN_KEYS = {"\"d\"", "\"p\"", "\"s\"", "\"ua\"", "\"sid\""};
        /** The same keys as constants, whose hash codes are computed once. */
        private static final String[] KEY_NAMES = {"d", "p", "s", "ua", "sid"};

        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        CsrfToken payload() {
            Long d = null;
            String p = null;
            String salt = null;
            String ua = null;
            String sid = null;
            boolean sidSeen = false;
            ws();
            expect('{');
            ws();
            if (peek() == '}') {
                throw bad("empty object");
            }
            while (true) {
                ws();
                String key = key();
                ws();
                expect(':');
                ws();
                switch (key) {
                    case "d" -> {
                        requireUnset(d, key);
                        d = millis();
                    }
                    case "p" -> {
                        requireUnset(p, key);
                        p = string();
                    }
                    case "s" -> {
                        requireUnset(salt, key);
                        salt = string();
                    }
                    case "ua" -> {
                        requireUnset(ua, key);
                        ua = string();
                    }
                    case "sid" -> {
                        if (sidSeen) {
                            throw bad("duplicate sid");
                        }
                        sidSeen = true;
                        sid = nullOrString();
                    }
                    default -> skipScalar();
                }
                ws();
                char c = next();
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw bad("expected , or }");
                }
            }
            ws();
            if (i != s.length()) {
                throw bad("trailing characters");
            }
            CsrfPurpose purpose = CsrfPurpose.fromWire(p);
            if (d == null || purpose == null || salt == null || ua == null) {
                throw bad("missing or unknown field");
            }
            return new CsrfToken(Instant.ofEpochMilli(d), purpose, salt, ua, sid == null || sid.isEmpty() ? null : sid);
        }

        /**
         * A key: the five known ones are recognised in place, without building
         * a string and hashing it (this runs on every unsafe request).
         */
        private String key() {
            for (int k = 0; k < KNOWN_KEYS.length; k++) {
                if (s.startsWith(KNOWN_KEYS[k], i)) {
                    i += KNOWN_KEYS[k].length();
                    return KEY_NAMES[k];
                }
            }
            return string();
        }

        private long millis() {
            int start = i;
            long v = 0;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                v = v * 10 + (s.charAt(i) - '0');
                i++;
            }
            // 15 digits reach the year 33658: plenty, and no overflow.
            if (i == start || i - start > 15) {
                throw bad("d is not a whole number of milliseconds");
            }
            return v;
        }

        private String nullOrString() {
            if (s.startsWith("null", i)) {
                i += 4;
                return null;
            }
            return string();
        }

        private void skipScalar() {
            char c = peek();
            if (c == '"') {
                string();
            } else if (s.startsWith("true", i)) {
                i += 4;
            } else if (s.startsWith("false", i)) {
                i += 5;
            } else if (s.startsWith("null", i)) {
                i += 4;
            } else {
                int start = i;
                while (i < s.length() && "0123456789+-.eE".indexOf(s.charAt(i)) >= 0) {
                    i++;
                }
                if (i == start) {
                    throw bad("unsupported value");
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = null;
            int start = i;
            while (true) {
                if (i >= s.length()) {
                    throw bad("unterminated string");
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    return b == null ? s.substring(start, i - 1) : b.toString();
                }
                if (c < 0x20) {
                    throw bad("control character in string");
                }
                if (c == '\\') {
                    if (b == null) {
                        b = new StringBuilder(s.substring(start, i - 1));
                    }
                    b.append(escape());
                } else if (b != null) {
                    b.append(c);
                }
            }
        }

        private char escape() {
            char e = next();
            return switch (e) {
                case '"', '\\', '/' -> e;
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'u' -> {
                    if (i + 4 > s.length()) {
                        throw bad("short \\u escape");
                    }
                    int v = 0;
                    for (int k = 0; k < 4; k++) {
                        int digit = Character.digit(s.charAt(i++), 16);
                        if (digit < 0) {
                            throw bad("bad \\u escape");
                        }
                        v = v * 16 + digit;
                    }
                    yield (char) v;
                }
                default -> throw bad("bad escape");
            };
        }

        private void requireUnset(Object field, String key) {
            if (field != null) {
                throw bad("duplicate " + key);
            }
        }

        private void ws() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                i++;
            }
        }

        private char peek() {
            if (i >= s.length()) {
                throw bad("unexpected end");
            }
            return s.charAt(i);
        }

        private char next() {
            char c = peek();
            i++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                throw bad("expected " + c);
            }
        }

        private static IllegalArgumentException bad(String what) {
            return new IllegalArgumentException("malformed token payload: " + what);
        }
    }
}
