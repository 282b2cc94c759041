package io.ssrguard.csp;

import io.ssrguard.config.ApplicationServices;
import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.config.SsrGuardProperties;
import io.ssrguard.http.OriginResolver;
import io.ssrguard.http.PathPattern;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The Content-Security-Policy feature of one application, prepared at start:
 * settings, the cached policy with its background refresh, and the nonce
 * generator. Adapters ({@link ContentSecurityPolicyFilter},
 * {@link CspReportServlet}) find it as a servlet-context attribute.
 *
 * <p>Per request: {@link #newNonce()}, then {@link #headerValue(String)}, which is
 * one volatile read and one string concatenation; nothing waits for I/O.
 * {@link #stop()} ends the background refresh when the application stops.
 */
public final class CspProtection {

    private static final Logger LOG = Logger.getLogger(CspProtection.class.getName());
    static final String ATTRIBUTE = CspProtection.class.getName();
    /** The request attribute that keeps the policy chosen for a request across its passes. */
    private static final String TEMPLATE_ATTRIBUTE = CspProtection.class.getName() + ".policy";
    /** Decides by the request's own scheme, host and port: no public origins, no trusted proxies. */
    private static final OriginResolver DIRECT = new OriginResolver(List.of(), List.of());
    /** A refresh that needs the database longer than this has failed. */
    private static final int JDBC_QUERY_TIMEOUT_SECONDS = 5;

    /** Empty when the feature is off: then there is no policy, no nonce and nothing is set. */
    private final Optional<CspSettings> settings;
    private final CachingPolicy policy;
    private final NonceGenerator nonces;
    private final ScheduledExecutorService ownedScheduler;
    private final String headerName;
    private final String reportingEndpoints;
    private final CspViolationSummary violations;
    private final OriginResolver origins;

    private CspProtection(Optional<CspSettings> settings, CachingPolicy policy, NonceGenerator nonces,
                          ScheduledExecutorService ownedScheduler, Clock clock, OriginResolver origins) {
        this.settings = settings;
        this.origins = origins;
        this.violations = new CspViolationSummary(
                settings.map(CspSettings::reportMaxKinds).orElse(CspSettings.DEFAULT_REPORT_MAX_KINDS), clock);
        this.policy = policy;
        this.nonces = nonces;
        this.ownedScheduler = ownedScheduler;
        this.headerName = settings.filter(CspSettings::reportOnly).isPresent()
                ? "Content-Security-Policy-Report-Only" : "Content-Security-Policy";
        this.reportingEndpoints = settings.flatMap(s -> s.reportTo().flatMap(to -> s.reportUri()
                .map(uri -> to + "=\"" + uri + "\""))).orElse(null);
    }

    /**
     * Reads the settings, opens the configured source, loads the policy once and
     * starts refreshing it on a daemon thread of its own.
     *
     * @param settings    the configuration
     * @param contextPath the application's context path
     * @param clock       the time source
     * @param dataSources looks a DataSource up by JNDI name; called only for the {@code jdbc} source
     * @throws SettingsException naming the bad setting
     */
    public static CspProtection start(SettingsReader settings, String contextPath, Clock clock,
                                      Function<String, DataSource> dataSources) {
        return start(settings, contextPath, clock, dataSources, null, CspProtection.class.getClassLoader(),
                OriginResolver.load(settings));
    }

    /**
     * As {@link #start(SettingsReader, String, Clock, Function)}, refreshing on
     * the given scheduler (a container's managed one), which the caller shuts down.
     *
     * @param scheduler              runs the refreshes; {@code null} for a daemon thread owned by this object
     * @param applicationClassLoader where the application's own {@link PolicySource} is looked for
     *                               ({@code META-INF/services/io.ssrguard.csp.PolicySource}); it wins over
     *                               {@code ssrguard.csp.source}
     * @param origins                tells whether the browser loaded a page over HTTPS, behind proxies too
     */
    public static CspProtection start(SettingsReader settings, String contextPath, Clock clock,
                                      Function<String, DataSource> dataSources, ScheduledExecutorService scheduler,
                                      ClassLoader applicationClassLoader, OriginResolver origins) {
        Optional<CspSettings> loaded = CspSettings.load(settings, contextPath);
        if (loaded.isEmpty()) {
            LOG.info("SSR Guard CSP: off (" + SsrGuardProperties.CSP_ENABLED + "=false or profile default)");
            return new CspProtection(Optional.empty(), null, null, null, clock, origins);
        }
        CspSettings csp = loaded.get();
        Optional<PolicySource> own = ApplicationServices.one(PolicySource.class, applicationClassLoader);
        own.filter(o -> settings.optional(SsrGuardProperties.CSP_SOURCE).isPresent()).ifPresent(o -> LOG.warning(
                "SSR Guard CSP: the application registers its own policy source " + o.getClass().getName() + ", so "
                        + SsrGuardProperties.CSP_SOURCE + " is ignored; remove it or the registration"));
        PolicySource source = own.isPresent() ? own.get() : source(csp, settings, dataSources);
        String label = own.isPresent() ? "the application's source " + own.get().getClass().getName() + ","
                : csp.source().kind() + " source";
        if (own.isEmpty() && !(csp.source() instanceof CspSettings.Source.Config) && !settings.list(SsrGuardProperties.CSP_PATHS, List.of()).isEmpty()) {
            LOG.warning(() -> "SSR Guard CSP: " + SsrGuardProperties.CSP_PATHS + " is read only by the config source; the "
                    + csp.source().kind() + " source brings its own per-path policies (see docs/csp.md)");
        }
        ScheduledExecutorService owned = scheduler == null ? daemonScheduler() : null;
        try {
            // A DRBG per request thread: the default SecureRandom serialises all threads on one lock (NonceGenerator).
            return start(csp, source, label, clock, scheduler == null ? owned : scheduler, owned, NonceGenerator.perThread(),
                    origins);
        } catch (RuntimeException e) {
            if (owned != null) {
                owned.shutdownNow();
            }
            throw e;
        }
    }

    /**
     * Starts with an explicit source; for tests and for applications that bring
     * their own {@link PolicySource}. The scheduler is not shut down by {@link #stop()}.
     * Whether a page is HTTPS is told by the request's own scheme (no proxies trusted).
     */
    public static CspProtection start(CspSettings settings, PolicySource source, Clock clock,
                                      ScheduledExecutorService scheduler, SecureRandom random) {
        return start(settings, source, "given source", clock, scheduler, null, new NonceGenerator(random), DIRECT);
    }

    private static CspProtection start(CspSettings settings, PolicySource source, String sourceLabel, Clock clock,
                                       ScheduledExecutorService scheduler, ScheduledExecutorService owned,
                                       NonceGenerator nonces, OriginResolver origins) {
        CspHeaderCompiler compiler = new CspHeaderCompiler(
                new CspPolicyParser(settings.maxLength(), settings.noncePlaceholder()),
                settings.nonceDirectives(), settings.noncePlaceholder(), settings.reportUri(), settings.reportTo());
        CspHeaderTemplate fallback;
        try {
            fallback = compiler.compile(settings.fallbackPolicy());
        } catch (InvalidPolicyException e) {
            throw new SettingsException(SsrGuardProperties.CSP_FALLBACK_POLICY + " is not a valid policy: " + e.getMessage());
        }
        CachingPolicy policy = new CachingPolicy(source, compiler, fallback, settings.ttl(), settings.staleWindow(),
                clock, scheduler);
        policy.start();
        LOG.info(() -> "SSR Guard CSP: on, " + sourceLabel + " " + source.description() + ", refresh every " + settings.ttl() + ", "
                + (settings.reportOnly() ? "report-only" : "enforcing") + ", policy " + policy.status());
        return new CspProtection(Optional.of(settings), policy, nonces, owned, clock, origins);
    }

    private static PolicySource source(CspSettings csp, SettingsReader settings, Function<String, DataSource> dataSources) {
        CspSettings.Source chosen = csp.source();
        if (chosen instanceof CspSettings.Source.File file) {
            return new FilePolicySource(file.path(), CspSettings.MAX_SOURCE_BYTES);
        } else if (chosen instanceof CspSettings.Source.Http http) {
            return new HttpPolicySource(http.url(), http.connectTimeout(), http.readTimeout(), http.jsonField(),
                    http.headers(), CspSettings.MAX_SOURCE_BYTES);
        } else if (chosen instanceof CspSettings.Source.Jdbc jdbc) {
            String name = jdbc.dataSource();
            DataSource dataSource;
            try {
                dataSource = dataSources.apply(name);
            } catch (RuntimeException e) {
                throw new SettingsException(SsrGuardProperties.CSP_JDBC_DATASOURCE + " names '" + name
                        + "', which cannot be looked up: " + e.getMessage(), e);
            }
            if (dataSource == null) {
                throw new SettingsException(SsrGuardProperties.CSP_JDBC_DATASOURCE + " names '" + name
                        + "', which is not a DataSource here");
            }
            return new JdbcPolicySource(dataSource, jdbc.query(), JDBC_QUERY_TIMEOUT_SECONDS, name);
        }
        return new ConfigPolicySource(SsrGuardProperties.CSP_POLICY,
                () -> settings.optional(SsrGuardProperties.CSP_POLICY),
                () -> ConfigPolicySource.pathPolicies(settings.list(SsrGuardProperties.CSP_PATHS, List.of()),
                        pattern -> settings.optional(SsrGuardProperties.CSP_PATH_POLICY_PREFIX + pattern)));
    }

    private static ScheduledExecutorService daemonScheduler() {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "ssrguard-csp-refresh");
            t.setDaemon(true);
            return t;
        });
    }

    /** Whether the filter sets headers at all. */
    public boolean enabled() {
        return settings.isPresent();
    }

    /** The settings this feature runs with; empty when it is off. */
    public Optional<CspSettings> settings() {
        return settings;
    }

    /** A fresh nonce for one request. */
    public String newNonce() {
        return nonces.next();
    }

    /** {@code Content-Security-Policy}, or {@code Content-Security-Policy-Report-Only} when so configured. */
    public String headerName() {
        return headerName;
    }

    /** The default policy's header value for one response over HTTPS, carrying {@code nonce}. */
    public String headerValue(String nonce) {
        return policy.current().render(nonce);
    }

    /** The header value of the policy for this context-relative path over HTTPS, carrying {@code nonce}. */
    public String headerValue(String path, String nonce) {
        return policy.current(path).render(nonce);
    }

    /**
     * Whether the policy in force now for this request's path governs framing
     * ({@code frame-ancestors}, enforced rather than report-only), so
     * {@code X-Frame-Options} can be left out.
     */
    public boolean coversFraming(HttpServletRequest request) {
        return policy != null && settings.filter(s -> !s.reportOnly()).isPresent()
                && chosenFor(request).template().restrictsFraming();
    }

    /**
     * The policy of this request: chosen by its path and by whether the browser loaded
     * it over HTTPS on the first pass and kept for later passes (an error page, a
     * forward), so that a 404 under {@code /embed/*} carries the {@code /embed/*}
     * policy, as the page there would, and a refresh between two passes cannot change it.
     */
    private Chosen chosenFor(HttpServletRequest request) {
        if (request.getAttribute(TEMPLATE_ATTRIBUTE) instanceof Chosen chosen) {
            return chosen;
        }
        CspHeaderTemplate template = policy.current(PathPattern.of(request));
        // Over plain HTTP without the pack's report-to, or Chromium reports nothing (CspHeaderCompiler).
        boolean https = origins.servedOverHttps(request);
        Chosen chosen = new Chosen(https ? template : template.forPlainHttp(), https);
        request.setAttribute(TEMPLATE_ATTRIBUTE, chosen);
        return chosen;
    }

    /** A request's policy, and whether its page is HTTPS (then {@code Reporting-Endpoints} goes with it). */
    private record Chosen(CspHeaderTemplate template, boolean https) {
    }

    /**
     * Sets the policy header (and, for a page over HTTPS, {@code Reporting-Endpoints})
     * with this request's nonce, minting the nonce and publishing it as
     * {@link CspAttributes#NONCE} on first use, so that every pass over the same
     * request (forward, error page) carries the same nonce. Does nothing when the
     * feature is off.
     */
    public void applyTo(HttpServletRequest request, HttpServletResponse response) {
        if (!enabled()) {
            return;
        }
        String nonce = request.getAttribute(CspAttributes.NONCE) instanceof String existing ? existing : null;
        if (nonce == null) {
            nonce = newNonce();
            request.setAttribute(CspAttributes.NONCE, nonce);
        }
        Chosen chosen = chosenFor(request);
        response.setHeader(headerName, chosen.template().render(nonce));
        if (reportingEndpoints != null && chosen.https()) {
            response.setHeader("Reporting-Endpoints", reportingEndpoints);
        }
    }

    /** The {@code Reporting-Endpoints} header value (sent with pages over HTTPS only), or {@code null} when reports are not configured. */
    public String reportingEndpoints() {
        return reportingEndpoints;
    }

    /** What the report collector has seen on this node, for the guarded summary endpoint. */
    public CspViolationSummary violations() {
        return violations;
    }

    /** The cached policy, for diagnostics; empty when the feature is off. */
    public Optional<CachingPolicy> policy() {
        return Optional.ofNullable(policy);
    }

    /** Stops the background refresh (and its thread, when this object owns it). */
    public void stop() {
        if (policy != null) {
            policy.stop();
        }
        if (ownedScheduler != null) {
            ownedScheduler.shutdownNow();
        }
    }

    /** The feature of the application that owns this context, if the pack started there. */
    public static Optional<CspProtection> of(ServletContext context) {
        return Optional.ofNullable((CspProtection) context.getAttribute(ATTRIBUTE));
    }

    /** Makes this object findable by the filter and the report servlet of the application. */
    public void attachTo(ServletContext context) {
        context.setAttribute(ATTRIBUTE, this);
    }
}
