package io.ssrguard.guard;

import io.ssrguard.http.PathPattern;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Decides what a request to an internal path gets: the endpoint (with a valid
 * secret), a minimal status (a probe on a probe path), or the application's
 * own 404 (everyone else), so that nothing confirms the endpoint exists.
 */
public final class InternalGuard {

    /** What the guard does with a request. */
    public enum Verdict { PASS, PROBE_STATUS, NOT_FOUND }

    /** The servlet-context attribute under which the pack publishes the instance. */
    public static final String ATTRIBUTE = InternalGuard.class.getName();

    /** Empty where the guard is off. */
    private final Optional<GuardSettings> settings;
    private final List<byte[]> secretDigests;

    public InternalGuard(GuardSettings settings) {
        this(Optional.of(settings));
    }

    private InternalGuard(Optional<GuardSettings> settings) {
        this.settings = settings;
        this.secretDigests = settings.map(GuardSettings::secrets).orElse(List.of()).stream()
                .map(s -> sha256(s.getBytes(StandardCharsets.UTF_8))).toList();
    }

    /** The guard of an environment where it is off: it has no settings, guards no path, so every request passes. */
    public static InternalGuard off() {
        return new InternalGuard(Optional.empty());
    }

    /** Whether the guard is on. */
    public boolean enabled() {
        return settings.isPresent();
    }

    /** Whether a path is one of the guarded ones. */
    public boolean guards(String path) {
        return settings.isPresent() && PathPattern.anyMatches(settings.get().paths(), path);
    }

    /** The header that carries the secret (where the guard is off, no path is guarded and it is never consulted). */
    public String secretHeader() {
        return settings.map(GuardSettings::secretHeader).orElse(GuardSettings.DEFAULT_SECRET_HEADER);
    }

    /**
     * @param path      the decoded context-relative path
     * @param secret    the secret header's value, or {@code null}
     * @param userAgent the User-Agent, or {@code null}
     */
    public Verdict decide(String path, String secret, String userAgent) {
        if (!guards(path)) {
            return Verdict.PASS;
        }
        if (secret != null && secretMatches(secret)) {
            return Verdict.PASS;
        }
        if (userAgent != null && PathPattern.anyMatches(settings.get().probePaths(), path) && isProbe(userAgent)) {
            return Verdict.PROBE_STATUS;
        }
        return Verdict.NOT_FOUND;
    }

    /** Compares digests, and every one of them, so that timing tells neither length nor which secret is close. */
    private boolean secretMatches(String candidate) {
        byte[] digest = sha256(candidate.getBytes(StandardCharsets.UTF_8));
        boolean match = false;
        for (byte[] secret : secretDigests) {
            match |= MessageDigest.isEqual(secret, digest);
        }
        return match;
    }

    private boolean isProbe(String userAgent) {
        for (String pattern : settings.get().probeAgents()) {
            boolean matches = pattern.endsWith("*")
                    ? userAgent.startsWith(pattern.substring(0, pattern.length() - 1))
                    : userAgent.equals(pattern);
            if (matches) {
                return true;
            }
        }
        return false;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
