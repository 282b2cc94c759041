package io.ssrguard.gate;

import static io.ssrguard.config.SsrGuardProperties.GATE_PUBLIC_PATHS;

import io.ssrguard.config.SettingsReader;
import io.ssrguard.http.PathPattern;
import io.ssrguard.http.SignInRedirect;
import io.ssrguard.signin.SignInLocation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Settings of the site gate.
 *
 * @param publicPaths paths that pass without a signed-in user: the pack's own endpoints, the
 *                    sign-in page, {@code /health}, plus {@code ssrguard.gate.public-paths}
 * @param signIn      where navigations without a user are sent, relative to the context path
 */
public record GateSettings(List<PathPattern> publicPaths, String signIn) {

    public GateSettings {
        publicPaths = List.copyOf(publicPaths);
    }

    /**
     * @param packPaths the pack's own endpoints (login, refresh, logout, me, sign-in page, CSRF, CSP reports, OIDC)
     * @param signInLocation where to sign in: the application's page ({@code ssrguard.gate.sign-in}) or the pack's
     */
    public static GateSettings load(SettingsReader s, Set<String> packPaths, SignInLocation signInLocation) {
        String signIn = signInLocation.path();
        Set<String> open = new LinkedHashSet<>(packPaths);
        open.add(signIn);
        open.add("/health");
        List<PathPattern> patterns = new ArrayList<>();
        open.forEach(p -> patterns.add(PathPattern.parse(p, GATE_PUBLIC_PATHS)));
        s.list(GATE_PUBLIC_PATHS, List.of()).forEach(p -> patterns.add(PathPattern.parse(p, GATE_PUBLIC_PATHS)));
        return new GateSettings(patterns, signIn);
    }

    /**
     * How navigations without a user are sent to {@link #signIn}: by the gate, and by the
     * authentication adapters for constrained pages, whether or not the gate is on.
     */
    public SignInRedirect signInRedirect() {
        return new SignInRedirect(signIn);
    }
}
