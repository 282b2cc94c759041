package io.ssrguard.csp;

/**
 * One violation report, reduced to what an operator needs to act on it.
 * Fields are as the browser sent them; {@link #logLine()} makes them safe to log.
 *
 * @param directive   the effective (or violated) directive, e.g. {@code script-src-elem}
 * @param blocked     the blocked URL, or {@code inline}/{@code eval}
 * @param document    the page on which it happened
 * @param source      the script or style that caused it, if known
 * @param line        line in {@code source}, or 0
 * @param column      column in {@code source}, or 0
 * @param disposition {@code enforce} or {@code report}
 * @param sample      the first characters of the blocked code, if the policy asks for samples
 */
public record CspViolation(String directive, String blocked, String document, String source, long line, long column,
                           String disposition, String sample) {

    private static final int MAX_FIELD = 200;
    private static final int MAX_SAMPLE = 40;

    /**
     * One log line: printable ASCII only (nothing a browser sends can forge a
     * second line), fields cut short, the blocked URL reduced to its origin and
     * query strings and fragments dropped from other URLs, because they may hold
     * tokens of the page's user.
     */
    public String logLine() {
        StringBuilder line = new StringBuilder("CSP violation: directive=").append(clean(directive, MAX_FIELD))
                .append(" blocked=").append(CspViolationSummary.blockedOrigin(blocked))
                .append(" document=").append(url(document));
        if (source != null && !source.isEmpty()) {
            line.append(" source=").append(url(source));
            if (this.line > 0) {
                line.append(':').append(this.line).append(column > 0 ? ":" + column : "");
            }
        }
        line.append(" disposition=").append(clean(disposition, 16));
        if (sample != null && !sample.isEmpty()) {
            line.append(" sample=\"").append(clean(sample, MAX_SAMPLE).replace('"', '\'')).append('"');
        }
        return line.toString();
    }

    private static String url(String value) {
        if (value == null) {
            return "-";
        }
        int cut = value.length();
        for (char c : new char[] {'?', '#'}) {
            int i = value.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return clean(value.substring(0, cut), MAX_FIELD);
    }

    private static String clean(String value, int max) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        String cut = value.length() > max ? value.substring(0, max) + "..." : value;
        StringBuilder out = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            out.append(c >= 0x21 && c <= 0x7e ? c : '_');
        }
        return out.toString();
    }
}
