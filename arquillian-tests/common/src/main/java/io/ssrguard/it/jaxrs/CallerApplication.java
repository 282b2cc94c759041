package io.ssrguard.it.jaxrs;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;

/**
 * A JAX-RS application the filter-mode tests add to the sample, as an existing application
 * brings its own: {@code @RolesAllowed} is switched on the way each container's users do it,
 * Jersey's (Payara) by registering its {@code RolesAllowedDynamicFeature} by name, RESTEasy's
 * (WildFly) by {@code resteasy.role.based.security}, which the test sets as a context-param.
 */
@ApplicationPath("rest")
public class CallerApplication extends Application {

    /** Jersey's property naming providers to register; RESTEasy ignores it. */
    static final String JERSEY_PROVIDERS = "jersey.config.server.provider.classnames";

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(CallerResource.class);
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of(JERSEY_PROVIDERS, "org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature");
    }
}
