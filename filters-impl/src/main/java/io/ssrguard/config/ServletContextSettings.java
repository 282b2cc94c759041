package io.ssrguard.config;

import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link Settings} from {@code web.xml}: the init-params of the pack's own
 * filters and the application's context-params, for containers without
 * MicroProfile Config (a plain Tomcat). Context-params win over filter
 * init-params, so one place can override what a filter declares. The profile
 * is {@code mp.config.profile} from the same places, else the system property.
 */
public final class ServletContextSettings implements Settings {

    private final Map<String, String> values;
    private final Set<String> names;

    private ServletContextSettings(Map<String, String> values, Set<String> names) {
        this.values = Map.copyOf(values);
        this.names = Set.copyOf(names);
    }

    /** Reads the parameters once; call at start, when the web.xml filters are registered. */
    public static ServletContextSettings of(ServletContext context) {
        Map<String, String> values = new HashMap<>();
        Set<String> names = new HashSet<>();
        for (FilterRegistration filter : context.getFilterRegistrations().values()) {
            if (filter.getClassName() != null && filter.getClassName().startsWith("io.ssrguard.")) {
                filter.getInitParameters().forEach((k, v) -> {
                    // The pack's filters read nothing but settings: any other init-param of theirs is a mistake too.
                    names.add(k);
                    if (k.startsWith("ssrguard.") || k.equals(SsrGuardProperties.PROFILE)) {
                        values.put(k, v);
                    }
                });
            }
        }
        for (String name : java.util.Collections.list(context.getInitParameterNames())) {
            if (SettingNames.inNamespace(name)) {
                names.add(name);
            }
            if (name.startsWith("ssrguard.") || name.equals(SsrGuardProperties.PROFILE)) {
                values.put(name, context.getInitParameter(name));
            }
        }
        return new ServletContextSettings(values, names);
    }

    @Override
    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** The settings' names, and every other init-param of the pack's filters. */
    @Override
    public Set<String> names() {
        return names;
    }

    @Override
    public Optional<String> profile() {
        return value(SsrGuardProperties.PROFILE)
                .or(() -> Optional.ofNullable(System.getProperty(SsrGuardProperties.PROFILE)).filter(v -> !v.isBlank()));
    }
}
