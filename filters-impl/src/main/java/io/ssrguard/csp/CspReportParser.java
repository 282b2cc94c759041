package io.ssrguard.csp;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.ssrguard.http.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads violation reports in the two formats browsers send:
 * <ul>
 * <li>{@code application/csp-report} (the {@code report-uri} directive; some
 *     browsers label it {@code application/json}): {@code {"csp-report": {"document-uri": …}}};</li>
 * <li>{@code application/reports+json} (the Reporting API, {@code report-to}): an
 *     array of reports, of which those of type {@code csp-violation} are kept and
 *     others (deprecations, interventions) ignored.</li>
 * </ul>
 * Anything else is a {@link BadRequestException} with a 4xx status.
 */
public final class CspReportParser {

    private static final String CSP_REPORT = "application/csp-report";
    private static final String REPORTS_JSON = "application/reports+json";
    private static final String JSON = "application/json";

    /** The violations in a report body. */
    public List<CspViolation> parse(String contentType, byte[] body) throws BadRequestException {
        String type = mediaType(contentType);
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            if (type.equals(CSP_REPORT) || type.equals(JSON)) {
                return List.of(legacy(JSONObjectUtils.parse(text)));
            }
            if (type.equals(REPORTS_JSON)) {
                return reportingApi(JSONArrayUtils.parse(text));
            }
        } catch (ParseException | ClassCastException e) {
            throw new BadRequestException(400, "malformed_report", "report is not the expected JSON: " + e.getMessage());
        }
        throw new BadRequestException(415, "unsupported_media_type", "report content type '" + type + "'");
    }

    private static CspViolation legacy(Map<String, Object> json) throws BadRequestException {
        if (!(json.get("csp-report") instanceof Map<?, ?> r)) {
            throw new BadRequestException(400, "malformed_report", "no csp-report object");
        }
        String directive = text(r, "effective-directive");
        return new CspViolation(
                directive != null ? directive : text(r, "violated-directive"),
                text(r, "blocked-uri"),
                text(r, "document-uri"),
                text(r, "source-file"),
                number(r, "line-number"),
                number(r, "column-number"),
                text(r, "disposition"),
                text(r, "script-sample"));
    }

    private static List<CspViolation> reportingApi(List<Object> reports) throws BadRequestException {
        List<CspViolation> violations = new ArrayList<>();
        for (Object item : reports) {
            if (!(item instanceof Map<?, ?> report)) {
                throw new BadRequestException(400, "malformed_report", "report list holds a non-object");
            }
            if (!"csp-violation".equals(report.get("type"))) {
                continue;
            }
            if (!(report.get("body") instanceof Map<?, ?> b)) {
                throw new BadRequestException(400, "malformed_report", "csp-violation without a body");
            }
            violations.add(new CspViolation(
                    text(b, "effectiveDirective"),
                    text(b, "blockedURL"),
                    text(b, "documentURL"),
                    text(b, "sourceFile"),
                    number(b, "lineNumber"),
                    number(b, "columnNumber"),
                    text(b, "disposition"),
                    text(b, "sample")));
        }
        return violations;
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static String text(Map<?, ?> map, String key) {
        Object v = map.get(key);
        return v == null ? null : v.toString();
    }

    private static long number(Map<?, ?> map, String key) {
        return map.get(key) instanceof Number n ? n.longValue() : 0;
    }
}
