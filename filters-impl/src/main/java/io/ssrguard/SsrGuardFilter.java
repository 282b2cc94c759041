package io.ssrguard;

import io.ssrguard.auth.AuthFilter;
import io.ssrguard.csp.ContentSecurityPolicyFilter;
import io.ssrguard.csrf.CsrfFilter;
import io.ssrguard.gate.GateFilter;
import io.ssrguard.guard.GuardFilter;
import io.ssrguard.headers.HeadersFilter;
import io.ssrguard.config.SettingsException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Every filter of the pack, in the order README gives, as one filter of the container:
 * the headers, authentication ({@link AuthFilter}), the CSP, the gate, CSRF and the guard.
 * Declared once in {@code web.xml}, mapped to {@code /*} with the {@code REQUEST} and
 * {@code ERROR} dispatchers, instead of the six.
 *
 * <p><b>Why.</b> Payara fires two container events around every filter it calls (each
 * pushes and pops a component invocation for naming and CDI), and the load benchmark's
 * profile found those events, not the pack's own work, to be most of what the five
 * separate filters cost a request there (docs/performance.md). Calling the pack's filters
 * one after the other from here costs one array step each.
 *
 * <p><b>Same behaviour as the separate filters.</b> Each inner filter is the very class an
 * application would declare, initialised with this filter's configuration, so each finds
 * its collaborators at {@code init} and refuses to start without them (the whole filter
 * then fails to start: fail closed). On an {@code ERROR} dispatch only the CSP runs, as
 * README maps it; any other dispatch the application maps passes through.
 * {@link AuthFilter} is always among them: on Payara and WildFly with the Jakarta Security
 * mechanism it leaves authentication to the mechanism and only enforces
 * {@code ssrguard.auth.constraints}. Declaring this filter and any of the six as well
 * stops the deployment ({@link #declaredFilters}), because the pack would then run twice.
 */
public final class SsrGuardFilter implements Filter {

    /** The inner filters in the order they run; their classes are what this filter stands for. */
    static final List<Supplier<Filter>> ORDER = List.of(HeadersFilter::new, AuthFilter::new,
            ContentSecurityPolicyFilter::new, GateFilter::new, CsrfFilter::new, GuardFilter::new);

    /** The class names of the filters this one stands for. */
    static final Set<String> STANDS_FOR = Set.of(HeadersFilter.class.getName(), AuthFilter.class.getName(),
            ContentSecurityPolicyFilter.class.getName(), GateFilter.class.getName(), CsrfFilter.class.getName(),
            GuardFilter.class.getName());

    private final List<Supplier<Filter>> order;
    private final Predicate<Filter> runsOnError;
    private Filter[] onRequest;
    private Filter[] onError;

    /** For {@code web.xml}. */
    public SsrGuardFilter() {
        this(ORDER, ContentSecurityPolicyFilter.class::isInstance);
    }

    /** For tests: these filters, in this order, and which of them run on an {@code ERROR} dispatch. */
    SsrGuardFilter(List<Supplier<Filter>> order, Predicate<Filter> runsOnError) {
        this.order = order;
        this.runsOnError = runsOnError;
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        Filter[] all = new Filter[order.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = order.get(i).get();
            all[i].init(config);
        }
        onRequest = all;
        onError = Arrays.stream(all).filter(runsOnError).toArray(Filter[]::new);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        DispatcherType type = request.getDispatcherType();
        Filter[] filters = type == DispatcherType.REQUEST ? onRequest : type == DispatcherType.ERROR ? onError : null;
        if (filters == null || filters.length == 0) {
            chain.doFilter(request, response);
            return;
        }
        new Inner(filters, chain).doFilter(request, response);
    }

    @Override
    public void destroy() {
        if (onRequest != null) {
            for (Filter f : onRequest) {
                f.destroy();
            }
        }
    }

    /**
     * The class names of the filters an application declared, with this filter standing for
     * the six it runs, so that the start-up checks (a feature on without its filter, the
     * filter mode's {@link AuthFilter}) see what really runs.
     *
     * @throws SettingsException when this filter and any of the six are both declared
     */
    static Set<String> declaredFilters(Set<String> declared) {
        if (!declared.contains(SsrGuardFilter.class.getName())) {
            return declared;
        }
        Set<String> twice = declared.stream().filter(STANDS_FOR::contains).collect(Collectors.toCollection(TreeSet::new));
        if (!twice.isEmpty()) {
            throw new SettingsException(SsrGuardFilter.class.getName() + " runs every filter of the pack, but web.xml"
                    + " also declares " + String.join(", ", twice) + ", which would then run twice: declare either "
                    + SsrGuardFilter.class.getSimpleName() + " alone or the separate filters");
        }
        Set<String> all = new HashSet<>(declared);
        all.addAll(STANDS_FOR);
        return all;
    }

    /** The rest of the pack's filters for one request, then the container's chain. */
    private static final class Inner implements FilterChain {

        private final Filter[] filters;
        private final FilterChain container;
        private int next;

        Inner(Filter[] filters, FilterChain container) {
            this.filters = filters;
            this.container = container;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response) throws IOException, ServletException {
            if (next < filters.length) {
                filters[next++].doFilter(request, response, this);
            } else {
                container.doFilter(request, response);
            }
        }
    }
}
