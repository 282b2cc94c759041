package io.ssrguard.csp;

/**
 * A policy prepared for the request path: the header value cut at the places
 * where the nonce goes, so that a request costs one nonce and one
 * concatenation. Built once per policy version by {@link CspHeaderCompiler},
 * together with its variant for pages served over plain HTTP
 * ({@link #forPlainHttp()}), so that choosing one costs nothing per request.
 */
public final class CspHeaderTemplate {

    private final String[] parts;
    private final int fixedLength;
    private final String display;
    private final boolean restrictsFraming;
    private final CspHeaderTemplate plainHttp;

    /** A template that is the same over HTTPS and plain HTTP. */
    CspHeaderTemplate(String[] parts, String noncePlaceholder) {
        this(parts, noncePlaceholder, null);
    }

    /**
     * @param plainHttp the variant for plain-HTTP pages; {@code null} when it is this one
     */
    CspHeaderTemplate(String[] parts, String noncePlaceholder, CspHeaderTemplate plainHttp) {
        this.plainHttp = plainHttp == null ? this : plainHttp;
        this.parts = parts.clone();
        int length = 0;
        for (String p : parts) {
            length += p.length();
        }
        this.fixedLength = length;
        this.display = String.join(noncePlaceholder, parts);
        boolean framing = false;
        for (String directive : display.split(";")) {
            framing |= directive.trim().startsWith("frame-ancestors ");
        }
        this.restrictsFraming = framing;
    }

    /** Whether the policy has {@code frame-ancestors}, which makes {@code X-Frame-Options} redundant. */
    public boolean restrictsFraming() {
        return restrictsFraming;
    }

    /** The header value for one response, with {@code nonce} in every nonce slot. */
    public String render(String nonce) {
        if (parts.length == 1) {
            return parts[0];
        }
        // An exact-size builder: JMH's GC profiler shows the JIT fills the string without a second copy
        // (one array for the whole header, the same as a one-step concatenation), so nothing to gain there.
        StringBuilder header = new StringBuilder(fixedLength + (parts.length - 1) * nonce.length());
        header.append(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            header.append(nonce).append(parts[i]);
        }
        return header.toString();
    }

    /**
     * The variant for a page the browser loaded over plain HTTP: without the
     * {@code report-to} the pack adds, because Chromium sends Reporting API
     * reports only from HTTPS pages and ignores {@code report-uri} where
     * {@code report-to} is present; without it, Chromium falls back to
     * {@code report-uri}. This template itself when the pack added no {@code report-to}.
     */
    public CspHeaderTemplate forPlainHttp() {
        return plainHttp;
    }

    /** Whether the header carries a nonce at all. */
    public boolean usesNonce() {
        return parts.length > 1;
    }

    /** The header value with the placeholder where the nonce goes, for log lines and diagnostics. */
    @Override
    public String toString() {
        return display;
    }
}
