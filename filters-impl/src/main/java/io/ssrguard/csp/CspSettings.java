package io.ssrguard.csp;

import static io.ssrguard.config.SsrGuardProperties.CSP_FALLBACK_POLICY;
import static io.ssrguard.config.SsrGuardProperties.CSP_FILE_PATH;
import static io.ssrguard.config.SsrGuardProperties.CSP_HTTP_CONNECT_TIMEOUT;
import static io.ssrguard.config.SsrGuardProperties.CSP_HTTP_HEADERS;
import static io.ssrguard.config.SsrGuardProperties.CSP_HTTP_HEADER_PREFIX;
import static io.ssrguard.config.SsrGuardProperties.CSP_HTTP_JSON_FIELD;
import static io.ssrguard.config.SsrGuardProperties.CSP_HTTP_READ_TIMEOUT;
import static io.ssrguard.config.SsrGuardProperties.CSP_HTTP_URL;
import static io.ssrguard.config.SsrGuardProperties.CSP_JDBC_DATASOURCE;
import static io.ssrguard.config.SsrGuardProperties.CSP_JDBC_QUERY;
import static io.ssrguard.config.SsrGuardProperties.CSP_MAX_LENGTH;
import static io.ssrguard.config.SsrGuardProperties.CSP_NONCE_DIRECTIVES;
import static io.ssrguard.config.SsrGuardProperties.CSP_NONCE_PLACEHOLDER;
import static io.ssrguard.config.SsrGuardProperties.CSP_REPORT_MAX_BYTES;
import static io.ssrguard.config.SsrGuardProperties.CSP_REPORT_ONLY;
import static io.ssrguard.config.SsrGuardProperties.CSP_REPORT_PATH;
import static io.ssrguard.config.SsrGuardProperties.CSP_REPORT_RATE_LIMIT;
import static io.ssrguard.config.SsrGuardProperties.CSP_REPORT_MAX_KINDS;
import static io.ssrguard.config.SsrGuardProperties.CSP_REPORT_SUMMARY_PATH;
import static io.ssrguard.config.SsrGuardProperties.CSP_REPORT_TO;
import static io.ssrguard.config.SsrGuardProperties.CSP_REPORT_URI;
import static io.ssrguard.config.SsrGuardProperties.CSP_SOURCE;
import static io.ssrguard.config.SsrGuardProperties.CSP_STALE_WINDOW;
import static io.ssrguard.config.SsrGuardProperties.CSP_TTL;

import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.http.RequestBodies;
import io.ssrguard.tiers.EnvironmentTiers;
import io.ssrguard.tiers.Feature;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Settings of the Content-Security-Policy feature, loaded and validated once at
 * start. Defaults live here and nowhere else. Loaded only when the feature is on
 * ({@link #load} is empty otherwise, having read nothing else), so a profile that
 * switches it off need not configure a source, and no part of it is a placeholder.
 *
 * @param source             where the policy comes from, with the settings of that source only
 * @param ttl                time between background refreshes
 * @param staleWindow        how long past its TTL the last good policy serves while the source fails
 * @param fallbackPolicy     the strict policy used when no good one is usable (already validated)
 * @param maxLength          longest accepted policy, in characters
 * @param reportOnly         send {@code Content-Security-Policy-Report-Only} instead of enforcing
 * @param nonceDirectives    directives that get the per-request nonce
 * @param noncePlaceholder   text a policy uses to place the nonce itself
 * @param reportPath         where the pack's report collector listens, relative to the context path
 * @param reportUri          value of the {@code report-uri} directive and of the {@code Reporting-Endpoints} entry
 * @param reportTo           Reporting API group name, when reports are configured
 * @param reportMaxBytes     largest report body the collector reads
 * @param reportRateLimit    report requests the collector accepts per minute on this node
 * @param bodyTimeout        deadline for a report body to arrive in full
 * @param reportMaxKinds     kinds of violation the summary keeps; further kinds are counted as dropped
 * @param reportSummaryPath  where the violation summary is served (behind the internal guard), when the collector is on
 */
public record CspSettings(
        Source source,
        Duration ttl,
        Duration staleWindow,
        String fallbackPolicy,
        int maxLength,
        boolean reportOnly,
        List<String> nonceDirectives,
        String noncePlaceholder,
        Optional<String> reportPath,
        Optional<String> reportUri,
        Optional<String> reportTo,
        int reportMaxBytes,
        int reportRateLimit,
        Duration bodyTimeout,
        int reportMaxKinds,
        Optional<String> reportSummaryPath) {

    /**
     * Where the policy comes from ({@code ssrguard.csp.source}), each kind with the settings
     * it reads and nothing else.
     */
    public sealed interface Source {

        /** The value of {@code ssrguard.csp.source} that chose it. */
        default String kind() {
            return this instanceof File ? "file" : this instanceof Http ? "http" : this instanceof Jdbc ? "jdbc" : "config";
        }

        /** {@code ssrguard.csp.policy} and the per-path policies, read through the settings layers. */
        record Config() implements Source {
        }

        /** A file on the server. */
        record File(Path path) implements Source {
        }

        /**
         * An HTTP(S) endpoint such as a CMS.
         *
         * @param jsonField JSON field holding the policy, when the body is JSON
         * @param headers   request headers (values are secrets: not in {@link #toString()})
         */
        record Http(URI url, Duration connectTimeout, Duration readTimeout, Optional<String> jsonField,
                    Map<String, String> headers) implements Source {

            public Http {
                headers = Map.copyOf(headers);
            }

            /** Header values are API tokens and the query may hold one: the log shows names and the path only. */
            @Override
            public String toString() {
                return "Http[url=" + url.getScheme() + "://" + url.getHost() + url.getRawPath() + ", connectTimeout="
                        + connectTimeout + ", readTimeout=" + readTimeout + ", jsonField=" + jsonField
                        + ", headers=" + headers.keySet() + "]";
            }
        }

        /** A query on a DataSource found by its JNDI name. */
        record Jdbc(String dataSource, String query) implements Source {
        }
    }

    /** Used when nothing good is loaded: own origin only, no plugins, no framing, no base-tag tricks. */
    public static final String BUILT_IN_FALLBACK =
            "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_STALE_WINDOW = Duration.ofHours(1);
    public static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofSeconds(2);
    /** Proxies commonly refuse response headers past 4-8 KiB in total; a policy stays well below. */
    public static final int DEFAULT_MAX_LENGTH = 4096;
    public static final String DEFAULT_PLACEHOLDER = "{nonce}";
    public static final List<String> DEFAULT_NONCE_DIRECTIVES = List.of("script-src", "style-src");
    public static final String DEFAULT_REPORT_GROUP = "ssrguard-csp";
    public static final int DEFAULT_REPORT_MAX_BYTES = 32 * 1024;
    public static final int DEFAULT_REPORT_RATE_LIMIT = 120;
    public static final int DEFAULT_REPORT_MAX_KINDS = 1000;
    /** Under the guard's default {@code /internal/*}; the pack guards it wherever it is moved. */
    public static final String DEFAULT_REPORT_SUMMARY_PATH = "/internal/ssrguard/csp-reports";
    /** Sources read at most this many bytes (JSON wrapping included) before the policy is even parsed. */
    public static final int MAX_SOURCE_BYTES = 64 * 1024;

    /** Profiles in which the feature is off unless switched on (see the tier table in docs/tiers.md). */

    public CspSettings {
        nonceDirectives = List.copyOf(nonceDirectives);
    }

    /**
     * Reads and validates the settings when CSP is on (empty when it is off); throws {@link SettingsException} naming the bad property.
     *
     * @param contextPath the application's context path, to turn {@link #reportPath()} into a default report URI
     */
    public static Optional<CspSettings> load(SettingsReader s, String contextPath) {
        if (!EnvironmentTiers.switchOf(s, Feature.CSP).enabled()) {
            return Optional.empty();
        }
        String kind = sourceKind(s.string(CSP_SOURCE, "config"));
        Duration ttl = s.positiveDuration(CSP_TTL, DEFAULT_TTL);
        int maxLength = s.integer(CSP_MAX_LENGTH, DEFAULT_MAX_LENGTH, 64, 16 * 1024);
        String placeholder = placeholder(s.string(CSP_NONCE_PLACEHOLDER, DEFAULT_PLACEHOLDER));
        String fallback = fallback(s.string(CSP_FALLBACK_POLICY, BUILT_IN_FALLBACK), maxLength, placeholder);

        // Every source's settings are checked whichever source is chosen: a malformed one fails now, not
        // on the day someone switches the source.
        Optional<Path> filePath = s.optional(CSP_FILE_PATH).map(CspSettings::path);
        Optional<URI> httpUrl = s.optional(CSP_HTTP_URL).map(CspSettings::httpUrl);
        Optional<String> jdbcDataSource = s.optional(CSP_JDBC_DATASOURCE);
        Duration httpConnectTimeout = s.positiveDuration(CSP_HTTP_CONNECT_TIMEOUT, DEFAULT_HTTP_TIMEOUT);
        Duration httpReadTimeout = s.positiveDuration(CSP_HTTP_READ_TIMEOUT, DEFAULT_HTTP_TIMEOUT);
        Optional<String> httpJsonField = s.optional(CSP_HTTP_JSON_FIELD);
        Map<String, String> httpHeaders = httpHeaders(s);
        String jdbcQuery = s.string(CSP_JDBC_QUERY, JdbcPolicySource.DEFAULT_QUERY);
        Source source = switch (kind) {
            case "file" -> new Source.File(require(filePath, CSP_FILE_PATH, kind));
            case "http" -> new Source.Http(require(httpUrl, CSP_HTTP_URL, kind), httpConnectTimeout, httpReadTimeout,
                    httpJsonField, httpHeaders);
            case "jdbc" -> new Source.Jdbc(require(jdbcDataSource, CSP_JDBC_DATASOURCE, kind), jdbcQuery);
            default -> new Source.Config();
        };

        Optional<String> reportPath = s.optional(CSP_REPORT_PATH).map(p -> s.path(CSP_REPORT_PATH, p));
        Optional<String> reportUri = s.optional(CSP_REPORT_URI)
                .or(() -> reportPath.map(p -> contextPath + p))
                .map(CspSettings::reportUri);
        Optional<String> reportTo = reportUri.map(u -> reportGroup(s.string(CSP_REPORT_TO, DEFAULT_REPORT_GROUP)));

        return Optional.of(new CspSettings(
                source,
                ttl,
                s.duration(CSP_STALE_WINDOW, DEFAULT_STALE_WINDOW),
                fallback,
                maxLength,
                s.bool(CSP_REPORT_ONLY, false),
                nonceDirectives(s.list(CSP_NONCE_DIRECTIVES, DEFAULT_NONCE_DIRECTIVES)),
                placeholder,
                reportPath,
                reportUri,
                reportTo,
                s.integer(CSP_REPORT_MAX_BYTES, DEFAULT_REPORT_MAX_BYTES, 1024, 1024 * 1024),
                s.integer(CSP_REPORT_RATE_LIMIT, DEFAULT_REPORT_RATE_LIMIT, 1, 1_000_000),
                RequestBodies.timeout(s),
                s.integer(CSP_REPORT_MAX_KINDS, DEFAULT_REPORT_MAX_KINDS, 1, 100_000),
                summaryPath(s, reportPath)));
    }

    /** The summary exists where the collector does; it must not be the collector's own path. */
    private static Optional<String> summaryPath(SettingsReader s, Optional<String> reportPath) {
        String summary = s.path(CSP_REPORT_SUMMARY_PATH, DEFAULT_REPORT_SUMMARY_PATH);
        if (reportPath.isPresent() && reportPath.get().equals(summary)) {
            throw new SettingsException(CSP_REPORT_SUMMARY_PATH + " must differ from " + CSP_REPORT_PATH
                    + ": browsers post reports there without the guard's secret");
        }
        return reportPath.map(p -> summary);
    }

    /** Header values are API tokens: the log shows only their names. */
    @Override
    public String toString() {
        return "CspSettings[source=" + source + ", ttl=" + ttl + ", staleWindow=" + staleWindow
                + ", reportOnly=" + reportOnly + ", nonceDirectives=" + nonceDirectives
                + ", reportUri=" + reportUri + ", reportTo=" + reportTo + ", reportSummaryPath=" + reportSummaryPath + "]";
    }

    private static String sourceKind(String value) {
        String kind = value.toLowerCase(Locale.ROOT);
        if (!List.of("config", "file", "http", "jdbc").contains(kind)) {
            throw new SettingsException(CSP_SOURCE + " must be config, file, http or jdbc, not '" + value + "'");
        }
        return kind;
    }

    private static String placeholder(String value) {
        if (!value.matches("[A-Za-z0-9{}_$%-]+") || value.startsWith("'")) {
            throw new SettingsException(CSP_NONCE_PLACEHOLDER + " must be letters, digits or {}_$%- only, not '" + value + "'");
        }
        return value;
    }

    private static String fallback(String policy, int maxLength, String placeholder) {
        try {
            new CspPolicyParser(maxLength, placeholder).parse(policy);
            return policy;
        } catch (InvalidPolicyException e) {
            throw new SettingsException(CSP_FALLBACK_POLICY + " is not a valid policy: " + e.getMessage());
        }
    }

    private static Path path(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new SettingsException(CSP_FILE_PATH + " is not a valid path: '" + value + "'", e);
        }
    }

    private static URI httpUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new SettingsException(CSP_HTTP_URL + " must be an absolute http or https URL");
    }

    private static <T> T require(Optional<T> value, String name, String source) {
        return value.orElseThrow(() -> new SettingsException(name + " is required when " + CSP_SOURCE + "=" + source));
    }

    private static List<String> nonceDirectives(List<String> names) {
        List<String> lower = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).distinct().toList();
        for (String name : lower) {
            if (!CspHeaderCompiler.NONCE_DIRECTIVES.contains(name)) {
                throw new SettingsException(CSP_NONCE_DIRECTIVES + " may list script-src and style-src only, not '"
                        + name + "'");
            }
        }
        return lower;
    }

    /** Goes into the header verbatim: one token of printable ASCII without CSP or header separators. */
    private static String reportUri(String value) {
        if (!value.matches("[\\x21-\\x7e]+") || value.contains(";") || value.contains(",") || value.contains("\"")) {
            throw new SettingsException(CSP_REPORT_URI + " must be a URL or path without spaces, ';', ',' or '\"'");
        }
        return value;
    }

    private static String reportGroup(String value) {
        if (!value.matches("[A-Za-z0-9_-]+")) {
            throw new SettingsException(CSP_REPORT_TO + " must be letters, digits, '_' or '-', not '" + value + "'");
        }
        return value;
    }

    private static Map<String, String> httpHeaders(SettingsReader s) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : s.list(CSP_HTTP_HEADERS, List.of())) {
            String property = CSP_HTTP_HEADER_PREFIX + name;
            String value = s.optional(property).orElseThrow(() -> new SettingsException(
                    CSP_HTTP_HEADERS + " names '" + name + "' but " + property + " is not set"));
            try {
                // The JDK refuses restricted names (Host, Connection…) and CR/LF in values: find out now, not at refresh.
                HttpRequest.newBuilder(URI.create("http://localhost/")).header(name, value);
            } catch (IllegalArgumentException e) {
                // The JDK's message may quote the value, which is a secret: say what to check instead.
                throw new SettingsException(property + " cannot be sent as a request header"
                        + " (a restricted name such as Host, or a control character in the value)");
            }
            headers.put(name, value);
        }
        return headers;
    }
}
