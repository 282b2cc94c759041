package io.ssrguard.gate;

import io.ssrguard.http.PathPattern;
import java.util.List;

/**
 * The site gate's decision for a request without a signed-in user: public
 * paths pass, browser navigations are sent to sign in with the way back in
 * {@code returnTo}, everything else is refused with 401. Static resources are
 * behind the gate like everything else.
 */
public final class SiteGate {

    /** What happens to a request. */
    public sealed interface Verdict {
        /** Let it through. */
        record Pass() implements Verdict {
        }

        /** 302 to sign in. */
        record SignIn(String location) implements Verdict {
        }

        /** 401. */
        record Unauthorized() implements Verdict {
        }
    }

    private static final Verdict PASS = new Verdict.Pass();
    private static final Verdict UNAUTHORIZED = new Verdict.Unauthorized();

    /** The servlet-context attribute under which the pack publishes the instance. */
    public static final String ATTRIBUTE = SiteGate.class.getName();

    private final GateSettings settings;
    private final boolean on;

    public SiteGate(GateSettings settings) {
        this(settings, true);
    }

    private SiteGate(GateSettings settings, boolean on) {
        this.settings = settings;
        this.on = on;
    }

    /** The gate of an environment where it is off: every request passes. */
    public static SiteGate off() {
        return new SiteGate(new GateSettings(List.of(), "/"), false);
    }

    /** Whether the gate is on. */
    public boolean enabled() {
        return on;
    }

    /**
     * @param signedIn    whether the request has a caller (after any transparent refresh)
     * @param contextPath the application's context path
     * @param path        the decoded context-relative path
     * @param rawPathAndQuery the request URI inside the context as sent, with its query, for {@code returnTo}
     * @param navigation  whether a browser is navigating (a page load, not a script's request)
     */
    public Verdict decide(boolean signedIn, String contextPath, String path, String rawPathAndQuery, boolean navigation) {
        if (!on || signedIn || PathPattern.anyMatches(settings.publicPaths(), path)) {
            return PASS;
        }
        if (!navigation) {
            return UNAUTHORIZED;
        }
        return new Verdict.SignIn(settings.signInRedirect().location(contextPath, rawPathAndQuery));
    }
}
