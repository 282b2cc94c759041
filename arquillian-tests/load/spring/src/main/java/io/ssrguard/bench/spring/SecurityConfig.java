package io.ssrguard.bench.spring;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.servlet.http.Cookie;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;

/**
 * Spring Security as its users configure a resource server for a browser application
 * that keeps its access token in a cookie: the same ES256 tokens SSR Guard issues
 * (issuer and audience {@code ssrguard-sample}, roles in {@code groups}), read from the
 * access cookie by a {@link BearerTokenResolver}; role {@code user} on the two
 * endpoints; no server session; Spring Security's default response headers; and CSRF
 * with its cookie repository as set up for single-page applications
 * ({@code XSRF-TOKEN} cookie, {@code X-XSRF-TOKEN} header), checked on the POST (see
 * {@link #cookieTokenCsrf()} for why that takes a second filter).
 * Spring verifies the token's signature on every request: it has no verified-token cache.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfig {

    /** The access cookie's name in the sample's test profile on plain HTTP. */
    static final String ACCESS_COOKIE = System.getProperty("bench.access-cookie", "__Host-ssrguard-at");
    static final String ISSUER = "ssrguard-sample";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        JwtGrantedAuthoritiesConverter groups = new JwtGrantedAuthoritiesConverter();
        groups.setAuthoritiesClaimName("groups");
        groups.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(groups);
        JwtDecoder decoder = decoder();
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/profile", "/api/notes").hasRole("user")
                        .anyRequest().permitAll())
                .oauth2ResourceServer(server -> server
                        .bearerTokenResolver(SecurityConfig::accessCookie)
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(authentication)))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.spa())
                .addFilterAfter(cookieTokenCsrf(), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    /**
     * The resource server exempts from CSRF every request in which its {@link BearerTokenResolver}
     * finds a token (it assumes an {@code Authorization} header, which a browser never sends by
     * itself); with the token in a cookie that would be every signed-in request, so the cookie
     * repository's check runs once more here, where no exemption applies. A user keeping tokens
     * in cookies has to do the same, or CSRF is off.
     */
    private static CsrfFilter cookieTokenCsrf() {
        CsrfFilter filter = new CsrfFilter(CookieCsrfTokenRepository.withHttpOnlyFalse());
        filter.setRequestHandler(new CsrfTokenRequestAttributeHandler());
        return filter;
    }

    /** The token from the access cookie, or {@code null} (anonymous) when there is none. */
    private static String accessCookie(jakarta.servlet.http.HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (ACCESS_COOKIE.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    /** ES256 only, keys from the public JWK set file, issuer, audience and time checked. */
    private static JwtDecoder decoder() throws IOException, ParseException {
        String file = System.getProperty("bench.jwks");
        if (file == null) {
            throw new IllegalStateException("set -Dbench.jwks to the public JWK set file");
        }
        JWKSet keys = JWKSet.parse(Files.readString(Path.of(file), StandardCharsets.UTF_8));
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(keys)));
        // Spring's validators check the claims; nimbus' own claim checks are switched off as Spring does.
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(ISSUER),
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(ISSUER))));
        return decoder;
    }
}
