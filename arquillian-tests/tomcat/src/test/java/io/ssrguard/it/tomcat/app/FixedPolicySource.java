package io.ssrguard.it.tomcat.app;

import io.ssrguard.csp.PolicyFetch;
import io.ssrguard.csp.PolicySource;

/**
 * What an application's own CSP source (a settings service of its own) looks like to the
 * pack: written against filters-api only, deployed inside the test WAR and registered in
 * {@code META-INF/services}. Its policy names a host no configuration of the sample does.
 */
public class FixedPolicySource implements PolicySource {

    /** A host only this source puts into the policy. */
    public static final String MARK = "https://images.app-source.example";
    /** The policy this source serves. */
    public static final String POLICY = "default-src 'self'; img-src 'self' " + MARK + "; frame-ancestors 'none'";

    @Override
    public PolicyFetch fetch(String knownVersion) {
        Calls.count("source.fetch");
        return "v1".equals(knownVersion) ? PolicyFetch.notModified() : PolicyFetch.loaded(POLICY, "v1");
    }

    @Override
    public String description() {
        return "fixed test policy";
    }
}
