package io.ssrguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServletContextSettingsTest {

    /** A class loader that cannot see MicroProfile Config, as on a plain Tomcat: web.xml is the only source. */
    private static final ClassLoader PLAIN_TOMCAT = new URLClassLoader(new URL[0], null);

    private static FilterRegistration filter(String className, Map<String, String> initParams) {
        return (FilterRegistration) Proxy.newProxyInstance(ServletContextSettingsTest.class.getClassLoader(),
                new Class<?>[] {FilterRegistration.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getClassName" -> className;
                    case "getInitParameters" -> initParams;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ServletContext context(Map<String, String> contextParams, Map<String, FilterRegistration> filters) {
        return (ServletContext) Proxy.newProxyInstance(ServletContextSettingsTest.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getInitParameterNames" -> Collections.enumeration(contextParams.keySet());
                    case "getInitParameter" -> contextParams.get((String) args[0]);
                    case "getFilterRegistrations" -> filters;
                    case "getClassLoader" -> PLAIN_TOMCAT;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Map<String, String> params(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void namesAreThePacksContextParamsAndEveryInitParamOfItsFilters() {
        ServletContext context = context(params("ssrguard.csrf.enabeld", "true", "shop.theme", "dark"), Map.of(
                "csrf", filter("io.ssrguard.csrf.CsrfFilter", params("ssrguard.csp.enabled", "false", "enabled", "true")),
                "app", filter("com.example.LoggingFilter", params("level", "fine"))));

        ServletContextSettings settings = ServletContextSettings.of(context);

        assertEquals(Set.of("ssrguard.csrf.enabeld", "ssrguard.csp.enabled", "enabled"), settings.names());
        assertEquals("false", settings.value(SsrGuardProperties.CSP_ENABLED).orElseThrow());
    }

    @Test
    void startRefusesAMisspeltContextParam() {
        ServletContext context = context(params("mp.config.profile", "prod", "ssrguard.csrf.enabeld", "true"), Map.of());

        SettingsException e = assertThrows(SettingsException.class, () -> SettingsSources.forContext(context));
        assertTrue(e.getMessage().startsWith("unknown setting ssrguard.csrf.enabeld — did you mean ssrguard.csrf.enabled?"),
                e.getMessage());
    }

    @Test
    void startRefusesAnInitParamOfThePacksFilterThatIsNoSetting() {
        ServletContext context = context(params(), Map.of(
                "csrf", filter("io.ssrguard.csrf.CsrfFilter", params("csrf.enabled", "true"))));

        SettingsException e = assertThrows(SettingsException.class, () -> SettingsSources.forContext(context));
        assertTrue(e.getMessage().startsWith("unknown setting csrf.enabled — did you mean ssrguard.csrf.enabled?"),
                e.getMessage());
    }

    @Test
    void knownSettingsStart() {
        ServletContext context = context(params("mp.config.profile", "prod", "ssrguard.csrf.enabled", "true"), Map.of(
                "auth", filter("io.ssrguard.auth.AuthFilter", params("ssrguard.auth.constraints", "/api/*=user"))));

        SettingsReader reader = SettingsSources.forContext(context);
        assertTrue(reader.bool(SsrGuardProperties.CSRF_ENABLED, false));
        assertEquals("/api/*=user", reader.optional(SsrGuardProperties.AUTH_CONSTRAINTS).orElseThrow());
    }
}
