package io.ssrguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.auth.AuthFilter;
import io.ssrguard.config.SettingsException;
import io.ssrguard.csp.ContentSecurityPolicyFilter;
import io.ssrguard.csrf.CsrfFilter;
import io.ssrguard.gate.GateFilter;
import io.ssrguard.guard.GuardFilter;
import io.ssrguard.headers.HeadersFilter;
import io.ssrguard.http.FakeHttp;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SsrGuardFilterTest {

    /** A filter that notes its name, hands on a wrapped request (as AuthFilter does) or answers itself. */
    record Step(String name, List<String> trace, boolean answers) implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws java.io.IOException, ServletException {
            trace.add(name);
            if (!answers) {
                chain.doFilter(new Wrapped(name, (jakarta.servlet.http.HttpServletRequest) request), response);
            }
        }

        @Override
        public void destroy() {
            trace.add("destroy " + name);
        }
    }

    static final class Wrapped extends HttpServletRequestWrapper {
        final String by;

        Wrapped(String by, jakarta.servlet.http.HttpServletRequest request) {
            super(request);
            this.by = by;
        }
    }

    private static SsrGuardFilter started(List<Supplier<Filter>> order) throws ServletException {
        SsrGuardFilter filter = new SsrGuardFilter(order, f -> f instanceof Step s && s.name().equals("csp"));
        filter.init(FakeHttp.filterConfig(FakeHttp.context(new HashMap<>()), "ssrguard"));
        return filter;
    }

    @Test
    void runsItsFiltersInOrderThenTheContainersChainWithWhatTheLastHandedOn() throws Exception {
        List<String> trace = new ArrayList<>();
        SsrGuardFilter filter = started(List.of(() -> new Step("headers", trace, false),
                () -> new Step("auth", trace, false), () -> new Step("csrf", trace, false)));
        ServletRequest[] reached = new ServletRequest[1];
        FakeHttp.Response response = new FakeHttp.Response();
        filter.doFilter(new FakeHttp.Request().build(), response.build(), (rq, rs) -> {
            trace.add("application");
            reached[0] = rq;
        });
        assertEquals(List.of("headers", "auth", "csrf", "application"), trace);
        assertEquals("csrf", ((Wrapped) reached[0]).by, "the request each filter hands on reaches the next");

        trace.clear();
        filter.doFilter(new FakeHttp.Request().build(), response.build(), (rq, rs) -> trace.add("application"));
        assertEquals(List.of("headers", "auth", "csrf", "application"), trace, "a fresh chain per request");

        filter.destroy();
        assertEquals(List.of("headers", "auth", "csrf", "application", "destroy headers", "destroy auth", "destroy csrf"),
                trace);
    }

    @Test
    void aFilterThatAnswersEndsTheRequestThere() throws Exception {
        List<String> trace = new ArrayList<>();
        SsrGuardFilter filter = started(List.of(() -> new Step("headers", trace, false),
                () -> new Step("csrf", trace, true), () -> new Step("guard", trace, false)));
        filter.doFilter(new FakeHttp.Request().build(), new FakeHttp.Response().build(), (rq, rs) -> trace.add("application"));
        assertEquals(List.of("headers", "csrf"), trace);
    }

    @Test
    void onAnErrorDispatchOnlyTheCspRunsAndOtherDispatchesPassThrough() throws Exception {
        List<String> trace = new ArrayList<>();
        SsrGuardFilter filter = started(List.of(() -> new Step("headers", trace, false),
                () -> new Step("csp", trace, false), () -> new Step("guard", trace, false)));
        FakeHttp.Request error = new FakeHttp.Request();
        error.dispatcherType = DispatcherType.ERROR;
        filter.doFilter(error.build(), new FakeHttp.Response().build(), (rq, rs) -> trace.add("error page"));
        assertEquals(List.of("csp", "error page"), trace);

        for (DispatcherType other : new DispatcherType[] {DispatcherType.FORWARD, DispatcherType.INCLUDE, DispatcherType.ASYNC}) {
            trace.clear();
            FakeHttp.Request request = new FakeHttp.Request();
            request.dispatcherType = other;
            filter.doFilter(request.build(), new FakeHttp.Response().build(), (rq, rs) -> trace.add("servlet"));
            assertEquals(List.of("servlet"), trace, other.name());
        }
    }

    @Test
    void theDefaultOrderIsReadmesAndOnlyTheCspRunsOnErrors() {
        List<Class<?>> classes = new ArrayList<>();
        SsrGuardFilter.ORDER.forEach(s -> classes.add(s.get().getClass()));
        assertEquals(List.of(HeadersFilter.class, AuthFilter.class, ContentSecurityPolicyFilter.class, GateFilter.class,
                CsrfFilter.class, GuardFilter.class), classes);
        assertEquals(Set.copyOf(classes.stream().map(Class::getName).toList()), SsrGuardFilter.STANDS_FOR);
    }

    @Test
    void itStandsForTheSixInTheStartUpChecksAndCannotBeDeclaredBesideThem() {
        String composite = SsrGuardFilter.class.getName();
        Set<String> expanded = SsrGuardFilter.declaredFilters(Set.of(composite, "com.example.AuditFilter"));
        assertTrue(expanded.containsAll(SsrGuardFilter.STANDS_FOR));
        assertTrue(expanded.contains("com.example.AuditFilter"));
        Set<String> separate = Set.of(HeadersFilter.class.getName(), CsrfFilter.class.getName());
        assertSame(separate, SsrGuardFilter.declaredFilters(separate), "the separate filters are what they are");

        SettingsException both = assertThrows(SettingsException.class,
                () -> SsrGuardFilter.declaredFilters(Set.of(composite, CsrfFilter.class.getName(), GuardFilter.class.getName())));
        assertEquals(composite + " runs every filter of the pack, but web.xml also declares " + CsrfFilter.class.getName()
                + ", " + GuardFilter.class.getName() + ", which would then run twice: declare either SsrGuardFilter alone"
                + " or the separate filters", both.getMessage());
    }
}
