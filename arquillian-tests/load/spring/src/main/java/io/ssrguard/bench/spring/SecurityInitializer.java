package io.ssrguard.bench.spring;

import org.springframework.security.web.context.AbstractSecurityWebApplicationInitializer;

/**
 * Spring Security without Spring Boot, the documented way: this initializer starts a root
 * application context with {@link SecurityConfig} and puts its filter chain
 * ({@code springSecurityFilterChain}) in front of every request.
 */
public class SecurityInitializer extends AbstractSecurityWebApplicationInitializer {

    public SecurityInitializer() {
        super(SecurityConfig.class);
    }
}
