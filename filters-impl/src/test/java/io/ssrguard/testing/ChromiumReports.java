package io.ssrguard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * CSP violation reports exactly as Chromium 156 posted them to a capture server, with the
 * {@code Content-Type} they came with (how they were made: {@code csp-reports/README.md} in the
 * test resources). The unit tests and the container tests read the same files, so that what
 * "a real browser sends" is written down once and cannot drift into a hand-made guess.
 *
 * <p>All come from {@code https://localhost:47313}; the blocked image and frame from
 * {@code https://127.0.0.1:47313}, another origin.
 */
public enum ChromiumReports {

    /** {@code report-uri}, enforced: an inline {@code <script>} without nonce. */
    CSP_REPORT_SCRIPT_SRC_ELEM("chromium-156-csp-report-script-src-elem.json"),
    /** {@code report-uri}, enforced: a {@code style} attribute. */
    CSP_REPORT_STYLE_SRC_ATTR("chromium-156-csp-report-style-src-attr.json"),
    /** {@code report-uri}, enforced: an image of another origin, its URL with a query. */
    CSP_REPORT_IMG_SRC("chromium-156-csp-report-img-src.json"),
    /** {@code report-uri}, enforced: an inline event handler; Chromium names no source file or line. */
    CSP_REPORT_SCRIPT_SRC_ATTR("chromium-156-csp-report-script-src-attr.json"),
    /** {@code report-uri}, enforced: {@code eval} in a same-origin script file. */
    CSP_REPORT_EVAL("chromium-156-csp-report-eval.json"),
    /** {@code report-uri}, enforced: a frame of another origin (Chromium sends the origin only). */
    CSP_REPORT_FRAME_SRC("chromium-156-csp-report-frame-src.json"),
    /** {@code report-uri} in {@code Content-Security-Policy-Report-Only}: the inline script, disposition report. */
    CSP_REPORT_REPORT_ONLY("chromium-156-csp-report-report-only.json"),
    /** {@code report-to}, enforced: the first delivery, one report, a second after the page loaded. */
    REPORTS_FIRST("chromium-156-reports-first.json"),
    /** {@code report-to}, enforced: the batch of the other five, a minute later. */
    REPORTS_BATCH("chromium-156-reports-batch.json"),
    /** {@code report-to} in {@code Content-Security-Policy-Report-Only}: the batch a minute after load. */
    REPORTS_REPORT_ONLY_BATCH("chromium-156-reports-report-only-batch.json");

    /** The origin of the pages the reports are about. */
    public static final String PAGES = "https://localhost:47313";
    /** The origin of the blocked image and frame. */
    public static final String OTHER_ORIGIN = "https://127.0.0.1:47313";

    private final String file;

    ChromiumReports(String file) {
        this.file = file;
    }

    /** The {@code Content-Type} Chromium sent the body with. */
    public String contentType() {
        return file.contains("-csp-report-") ? "application/csp-report" : "application/reports+json";
    }

    /** The body as posted, byte for byte. */
    public byte[] body() {
        try (InputStream in = ChromiumReports.class.getResourceAsStream("/csp-reports/" + file)) {
            if (in == null) {
                throw new IllegalStateException("fixture csp-reports/" + file + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body as text (Chromium sends UTF-8). */
    public String text() {
        return new String(body(), StandardCharsets.UTF_8);
    }
}
