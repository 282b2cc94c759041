package io.ssrguard.guard;

import static io.ssrguard.config.SsrGuardProperties.GUARD_PATHS;
import static io.ssrguard.config.SsrGuardProperties.GUARD_PROBE_AGENTS;
import static io.ssrguard.config.SsrGuardProperties.GUARD_PROBE_PATHS;
import static io.ssrguard.config.SsrGuardProperties.GUARD_SECRETS;
import static io.ssrguard.config.SsrGuardProperties.GUARD_SECRET_HEADER;

import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.http.PathPattern;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Settings of the internal endpoint guard; loaded only where the guard is on (the tier table and
 * {@code ssrguard.guard.enabled} decide), so there is no "off" record.
 *
 * @param paths        guarded path patterns (exact or ending in {@code /*})
 * @param secrets      accepted values of the secret header; several, so one can be rotated without downtime
 * @param secretHeader the request header carrying the secret
 * @param probePaths   guarded paths that probe User-Agents may reach for a minimal status
 * @param probeAgents  User-Agent patterns of probes ({@code kube-probe/*}: prefix match)
 */
public record GuardSettings(List<PathPattern> paths, List<String> secrets, String secretHeader,
                            List<PathPattern> probePaths, List<String> probeAgents) {

    private static final Logger LOG = Logger.getLogger(GuardSettings.class.getName());

    /** The header that carries the secret unless {@code ssrguard.guard.secret-header} names another. */
    public static final String DEFAULT_SECRET_HEADER = "X-Internal-Secret";

    /** 128 bits: shorter secrets can be guessed. */
    public static final int MIN_SECRET_BYTES = 16;

    public GuardSettings {
        paths = List.copyOf(paths);
        secrets = List.copyOf(secrets);
        probePaths = List.copyOf(probePaths);
        probeAgents = List.copyOf(probeAgents);
    }

    /**
     * Why a deployment cannot start for want of a guard secret, if it cannot: the guard is on and the
     * application named its internal endpoints ({@code ssrguard.guard.paths}) but no secret. Without
     * named paths nothing needs opening, so the default paths stay closed and no secret is demanded.
     */
    public static Optional<String> missingSecret(SettingsReader s, boolean enabled) {
        if (!enabled || s.optional(GUARD_PATHS).isEmpty() || !s.list(GUARD_SECRETS, List.of()).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the internal endpoint guard guards " + GUARD_PATHS + " but " + GUARD_SECRETS
                + " is not set; set it to a random secret of at least " + MIN_SECRET_BYTES
                + " bytes (for example 32 random bytes, base64url), or switch the guard off with ssrguard.guard.enabled=false");
    }

    /** The settings of a guard that is on: a missing or weak secret stops the deployment. */
    public static GuardSettings load(SettingsReader s) {
        List<String> secrets = s.list(GUARD_SECRETS, List.of());
        if (missingSecret(s, true).isPresent()) {
            throw new SettingsException(missingSecret(s, true).get());
        }
        if (secrets.isEmpty()) {
            // The application named no internal endpoints: nothing to open, so no secret to demand. Fail closed.
            LOG.info(() -> "SSR Guard: " + GUARD_SECRETS + " is not set, so the default guarded paths (/internal/*)"
                    + " answer every caller like an unknown path (probes get their status); to reach internal"
                    + " endpoints, set " + GUARD_PATHS + " and " + GUARD_SECRETS);
        }
        for (String secret : secrets) {
            if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
                throw new SettingsException(GUARD_SECRETS + " holds a secret shorter than 128 bits ("
                        + MIN_SECRET_BYTES + " bytes); use at least 32 random bytes, base64url");
            }
        }
        List<PathPattern> paths = s.list(GUARD_PATHS, List.of("/internal/*")).stream()
                .map(p -> PathPattern.parse(p, GUARD_PATHS)).toList();
        List<PathPattern> probePaths = s.list(GUARD_PROBE_PATHS, List.of()).stream()
                .map(p -> PathPattern.parse(p, GUARD_PROBE_PATHS)).toList();
        return new GuardSettings(paths, secrets, s.headerName(GUARD_SECRET_HEADER, DEFAULT_SECRET_HEADER),
                probePaths, s.list(GUARD_PROBE_AGENTS, List.of("kube-probe/*")));
    }

    /**
     * These settings with one more guarded path: the pack's own operator endpoints (the CSP
     * violation summary) are guarded wherever they are, whatever {@code ssrguard.guard.paths} says.
     */
    public GuardSettings alsoGuarding(String path) {
        if (paths.stream().anyMatch(p -> p.matches(path))) {
            return this;
        }
        List<PathPattern> more = new ArrayList<>(paths);
        more.add(new PathPattern(path));
        return new GuardSettings(more, secrets, secretHeader, probePaths, probeAgents);
    }

    /** The secrets are credentials: a log line shows how many there are, never them. */
    @Override
    public String toString() {
        return "GuardSettings[paths=" + paths + ", secrets=(" + secrets.size() + " hidden)"
                + ", secretHeader=" + secretHeader + ", probePaths=" + probePaths + ", probeAgents=" + probeAgents + "]";
    }
}
