package io.ssrguard.oidc;

import io.ssrguard.http.PathPattern;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Predicate;

/**
 * Which requests the CSRF filter lets through without a token for back-channel
 * logout: exactly those to its path that carry no {@code Cookie} header at all. A
 * provider's server-to-server POST carries none, and without a cookie there is no
 * ambient credential a cross-site request could borrow; the endpoint's authority
 * is the provider's signature on the token in the body. A request with cookies,
 * or to any other path, is checked as usual, so nothing else becomes exempt.
 */
public record BackChannelCsrfExemption(String path) implements Predicate<HttpServletRequest> {

    @Override
    public boolean test(HttpServletRequest request) {
        return request.getHeader("Cookie") == null && path.equals(PathPattern.of(request));
    }
}
