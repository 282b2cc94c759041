package io.ssrguard.bench.floor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;

/**
 * The floor of the load benchmark: a Jakarta Security mechanism that checks nothing and
 * believes the {@code X-Bench-User} header. Never deploy it anywhere. What the floor case
 * costs above bare is what Payara charges any {@code HttpAuthenticationMechanism}
 * (SSR Guard's and MP-JWT's alike) per request, before the mechanism does any work.
 */
@ApplicationScoped
public class TrustingMechanism implements HttpAuthenticationMechanism {

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        String user = request.getHeader("X-Bench-User");
        if (user != null) {
            return context.notifyContainerAboutLogin(user, Set.of("user"));
        }
        return context.isProtected() ? context.responseUnauthorized() : context.doNothing();
    }
}
