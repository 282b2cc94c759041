package io.ssrguard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * CSP violation reports exactly as Chromium 156 and Firefox 153 posted them to a capture
 * server, with the {@code Content-Type} they came with (how they were made:
 * {@code csp-reports/README.md} in the test resources). The unit tests and the container
 * tests read the same files, so that what "a real browser sends" is written down once and
 * cannot drift into a hand-made guess.
 *
 * <p>Chromium's pages were on {@link #CHROMIUM_PAGES} (HTTPS: Chromium sends {@code report-to}
 * reports from nowhere else), Firefox's on {@link #FIREFOX_PAGES}; the blocked image and frame
 * were on the same port of {@code 127.0.0.1}, another origin.
 */
public enum BrowserReports {

    /** {@code report-uri}, enforced: an inline {@code <script>} without nonce. */
    CHROMIUM_SCRIPT_SRC_ELEM("chromium-156-csp-report-script-src-elem.json"),
    /** {@code report-uri}, enforced: a {@code style} attribute. */
    CHROMIUM_STYLE_SRC_ATTR("chromium-156-csp-report-style-src-attr.json"),
    /** {@code report-uri}, enforced: an image of another origin, its URL with a query. */
    CHROMIUM_IMG_SRC("chromium-156-csp-report-img-src.json"),
    /** {@code report-uri}, enforced: an inline event handler; Chromium names no source file or line. */
    CHROMIUM_SCRIPT_SRC_ATTR("chromium-156-csp-report-script-src-attr.json"),
    /** {@code report-uri}, enforced: {@code eval} in a same-origin script file. */
    CHROMIUM_EVAL("chromium-156-csp-report-eval.json"),
    /** {@code report-uri}, enforced: a frame of another origin (the blocked URL is its origin only). */
    CHROMIUM_FRAME_SRC("chromium-156-csp-report-frame-src.json"),
    /** {@code report-uri} in {@code Content-Security-Policy-Report-Only}: the inline script, disposition report. */
    CHROMIUM_REPORT_ONLY("chromium-156-csp-report-report-only.json"),
    /** {@code report-to}, enforced: the first delivery, one report, a second after the page loaded. */
    CHROMIUM_REPORTS_FIRST("chromium-156-reports-first.json"),
    /** {@code report-to}, enforced: the batch of the other five, a minute later. */
    CHROMIUM_REPORTS_BATCH("chromium-156-reports-batch.json"),
    /** {@code report-to} in {@code Content-Security-Policy-Report-Only}: the batch a minute after load. */
    CHROMIUM_REPORTS_REPORT_ONLY_BATCH("chromium-156-reports-report-only-batch.json"),
    /** {@code report-uri}, enforced: the inline {@code <script>}. */
    FIREFOX_SCRIPT_SRC_ELEM("firefox-153-csp-report-script-src-elem.json"),
    /** {@code report-uri}, enforced: the {@code style} attribute; a source file but no line. */
    FIREFOX_STYLE_SRC_ATTR("firefox-153-csp-report-style-src-attr.json"),
    /** {@code report-uri}, enforced: the image of another origin; no source file, no line. */
    FIREFOX_IMG_SRC("firefox-153-csp-report-img-src.json"),
    /** {@code report-uri}, enforced: the inline event handler; a source file but no line. */
    FIREFOX_SCRIPT_SRC_ATTR("firefox-153-csp-report-script-src-attr.json"),
    /** {@code report-uri}, enforced: {@code eval} in the script file. */
    FIREFOX_EVAL("firefox-153-csp-report-eval.json"),
    /** {@code report-uri}, enforced: the frame of another origin; no source file, status code 0. */
    FIREFOX_FRAME_SRC("firefox-153-csp-report-frame-src.json"),
    /** {@code report-uri} in {@code Content-Security-Policy-Report-Only}: the inline script. */
    FIREFOX_REPORT_ONLY("firefox-153-csp-report-report-only.json");

    /** The origin of the pages Chromium reported on. */
    public static final String CHROMIUM_PAGES = "https://localhost:47313";
    /** The origin of the image and frame Chromium blocked. */
    public static final String CHROMIUM_OTHER = "https://127.0.0.1:47313";
    /** The origin of the pages Firefox reported on. */
    public static final String FIREFOX_PAGES = "http://localhost:47311";
    /** The origin of the image and frame Firefox blocked. */
    public static final String FIREFOX_OTHER = "http://127.0.0.1:47311";

    private final String file;

    BrowserReports(String file) {
        this.file = file;
    }

    /** The {@code Content-Type} the browser sent the body with. */
    public String contentType() {
        return file.contains("-csp-report-") ? "application/csp-report" : "application/reports+json";
    }

    /** The body as posted, byte for byte. */
    public byte[] body() {
        try (InputStream in = BrowserReports.class.getResourceAsStream("/csp-reports/" + file)) {
            if (in == null) {
                throw new IllegalStateException("fixture csp-reports/" + file + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body as text (both browsers send UTF-8). */
    public String text() {
        return new String(body(), StandardCharsets.UTF_8);
    }
}
