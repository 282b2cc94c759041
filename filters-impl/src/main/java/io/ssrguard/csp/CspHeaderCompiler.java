package io.ssrguard.csp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a validated policy into a {@link CspHeaderTemplate}: places the
 * per-request nonce and adds the reporting directives. Runs once per policy
 * version, in the background, never per request.
 *
 * <p>Reporting: {@code report-uri} and {@code report-to} are added where the
 * policy has none of its own. The {@code report-to} the pack adds is left out of
 * the template's plain-HTTP variant ({@link CspHeaderTemplate#forPlainHttp()}):
 * Chromium sends Reporting API reports only from HTTPS pages and ignores
 * {@code report-uri} where {@code report-to} is present, so with both a page over
 * plain HTTP would report nothing.
 *
 * <p>Nonce placement: when the policy contains the placeholder anywhere, the
 * nonce replaces every placeholder and nothing else is changed; the author of
 * the policy decided. Otherwise {@code 'nonce-…'} is added to each configured
 * directive ({@code script-src} also covers {@code script-src-elem},
 * {@code style-src} covers {@code style-src-elem}). A configured directive that
 * is missing but falls back to {@code default-src} is written out as a copy of
 * {@code default-src} plus the nonce, so that adding the nonce never loosens or
 * changes what else is allowed. {@code 'none'} is dropped from a list that gets
 * a nonce, as {@code 'none'} must stand alone. Note that browsers ignore
 * {@code 'unsafe-inline'} in a list that has a nonce: that is the point.
 */
public final class CspHeaderCompiler {

    /** Directive families that can carry a nonce, each with the -elem variant it also covers. */
    public static final Set<String> NONCE_DIRECTIVES = Set.of("script-src", "style-src");

    /** Stands for the nonce while the header is assembled; a parsed policy never contains a control character. */
    private static final String SLOT = "\u0000";

    private final CspPolicyParser parser;
    private final List<String> nonceDirectives;
    private final String noncePlaceholder;
    private final Optional<String> reportUri;
    private final Optional<String> reportTo;

    /**
     * @param parser           validates policy text before it is compiled
     * @param nonceDirectives  subset of {@link #NONCE_DIRECTIVES} that get the nonce
     * @param noncePlaceholder text that stands for the nonce in a policy
     * @param reportUri        added as {@code report-uri} unless the policy has one
     * @param reportTo         added as {@code report-to} unless the policy has one
     */
    public CspHeaderCompiler(CspPolicyParser parser, List<String> nonceDirectives, String noncePlaceholder,
                             Optional<String> reportUri, Optional<String> reportTo) {
        this.parser = parser;
        this.nonceDirectives = List.copyOf(nonceDirectives);
        this.noncePlaceholder = noncePlaceholder;
        this.reportUri = reportUri;
        this.reportTo = reportTo;
    }

    /** Validates {@code text} and compiles it. */
    public CspHeaderTemplate compile(String text) throws InvalidPolicyException {
        return compile(parser.parse(text));
    }

    /** Compiles an already validated policy. */
    public CspHeaderTemplate compile(CspPolicy policy) {
        List<CspDirective> out = hasPlaceholder(policy) ? substitutePlaceholder(policy) : addNonces(policy);
        if (reportUri.isPresent() && policy.directive("report-uri").isEmpty()) {
            out.add(new CspDirective("report-uri", List.of(reportUri.get())));
        }
        CspHeaderTemplate plainHttp = template(out, null);
        if (reportTo.isEmpty() || policy.directive("report-to").isPresent()) {
            // Nothing added that plain HTTP must lose; a report-to of the policy's own stays as written.
            return plainHttp;
        }
        out.add(new CspDirective("report-to", List.of(reportTo.get())));
        return template(out, plainHttp);
    }

    private CspHeaderTemplate template(List<CspDirective> directives, CspHeaderTemplate plainHttp) {
        String header = new CspPolicy(directives).serialize();
        return new CspHeaderTemplate(header.split(SLOT, -1), noncePlaceholder, plainHttp);
    }

    private boolean hasPlaceholder(CspPolicy policy) {
        return policy.directives().stream()
                .anyMatch(d -> d.values().stream().anyMatch(v -> v.contains(noncePlaceholder)));
    }

    private List<CspDirective> substitutePlaceholder(CspPolicy policy) {
        List<CspDirective> out = new ArrayList<>();
        for (CspDirective d : policy.directives()) {
            out.add(new CspDirective(d.name(), d.values().stream().map(v -> v.replace(noncePlaceholder, SLOT)).toList()));
        }
        return out;
    }

    private List<CspDirective> addNonces(CspPolicy policy) {
        List<CspDirective> out = new ArrayList<>();
        for (CspDirective d : policy.directives()) {
            out.add(getsNonce(d.name()) ? withNonce(d.name(), d.values()) : d);
        }
        Optional<CspDirective> defaultSrc = policy.directive("default-src");
        for (String family : nonceDirectives) {
            if (policy.directive(family).isEmpty() && defaultSrc.isPresent()) {
                out.add(withNonce(family, defaultSrc.get().values()));
            }
        }
        return out;
    }

    private boolean getsNonce(String directive) {
        String family = directive.endsWith("-elem") ? directive.substring(0, directive.length() - 5) : directive;
        return nonceDirectives.contains(family);
    }

    private static CspDirective withNonce(String name, List<String> values) {
        List<String> v = new ArrayList<>(values);
        v.remove("'none'");
        v.add("'nonce-" + SLOT + "'");
        return new CspDirective(name, v);
    }
}
