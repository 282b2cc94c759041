package io.ssrguard.bench.peer;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * Switches on Payara's own MicroProfile JWT for the peer WAR. It has no resources:
 * the endpoints are the same servlets as the bare WAR, protected by web.xml. It must be
 * a CDI bean, or MP-JWT silently never activates.
 */
@ApplicationScoped
@ApplicationPath("/rest")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles("user")
public class PeerApplication extends Application {
}
