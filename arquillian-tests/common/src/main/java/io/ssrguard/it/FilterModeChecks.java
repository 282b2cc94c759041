package io.ssrguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;

/**
 * What the sample in filter mode ({@code ssrguard.auth.adapter=filter}, {@link SampleDeployment#inFilterMode})
 * must do on Payara and WildFly without the Jakarta Security mechanism: {@code AuthFilter} authenticates
 * ({@code getRemoteUser} and {@code isUserInRole} work) and its rules refuse exactly as the mechanism
 * mode's {@code <security-constraint>}s do: a navigation without a caller is sent to sign in, a script
 * gets 401, a missing role 403 (the pack's page for a navigation, JSON for a script).
 */
public final class FilterModeChecks {

    /** The container says so when it vetoes the mechanism at CDI bootstrap. */
    public static final String NO_MECHANISM_LOGGED =
            "ssrguard.auth.adapter=filter: the SSR Guard authentication mechanism is not installed";

    private FilterModeChecks() {
    }

    public static void authenticatesAndRefusesAsTheMechanismMode(URI base) {
        HttpSession visitor = new HttpSession(base);
        HttpResponse<String> anonymous = visitor.xhr("api/profile");
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertEquals("{\"error\":\"unauthorized\"}", anonymous.body());
        HttpResponse<String> navigation = visitor.navigate("api/admin");
        assertEquals(302, navigation.statusCode(), navigation.body());
        assertTrue(navigation.headers().firstValue("Location").orElse("").contains("/sign-in"),
                "sent to sign in: " + navigation.headers().map());

        HttpSession alice = new HttpSession(base);
        assertEquals(200, alice.login("alice", "alice123").statusCode());
        HttpResponse<String> profile = alice.xhr("api/profile");
        assertEquals(200, profile.statusCode(), profile.body());
        assertEquals("{\"name\":\"alice\",\"admin\":false}", profile.body(), "getRemoteUser and isUserInRole");
        assertEquals(201, alice.postJson("api/notes", "{\"text\":\"from the filter mode\"}").statusCode());
        HttpResponse<String> forbidden = alice.xhr("api/admin");
        assertEquals(403, forbidden.statusCode(), forbidden.body());
        assertEquals("{\"error\":\"forbidden\"}", forbidden.body());
        HttpResponse<String> page = alice.navigate("api/admin");
        assertEquals(403, page.statusCode());
        assertTrue(page.body().contains("<h1>Access denied</h1>"), page.body());

        HttpSession admin = new HttpSession(base);
        assertEquals(200, admin.login("admin", "admin123").statusCode());
        assertEquals("{\"name\":\"admin\",\"admin\":true}", admin.xhr("api/profile").body());
        assertEquals(200, admin.xhr("api/admin").statusCode());
    }

    /**
     * A JAX-RS resource behind {@code AuthFilter} ({@link SampleDeployment#inFilterModeWithJaxRs}): JAX-RS's
     * {@code SecurityContext} is the request's, which {@code AuthFilter} wrapped, so it names the caller and
     * its roles, and {@code @RolesAllowed} (Jersey's feature, RESTEasy's switch) allows and refuses by them.
     */
    public static void jaxRsSeesTheCaller(URI base) {
        HttpSession visitor = new HttpSession(base);
        HttpResponse<String> anonymous = visitor.xhr("rest/caller/user");
        assertTrue(anonymous.statusCode() == 401 || anonymous.statusCode() == 403,
                "anonymous, @RolesAllowed(\"user\") refuses: " + anonymous.statusCode() + " " + anonymous.body());

        HttpSession alice = new HttpSession(base);
        assertEquals(200, alice.login("alice", "alice123").statusCode());
        HttpResponse<String> caller = alice.xhr("rest/caller");
        assertEquals(200, caller.statusCode(), caller.body());
        assertEquals("{\"name\":\"alice\",\"user\":true,\"admin\":false}", caller.body());
        assertEquals(200, alice.xhr("rest/caller/user").statusCode());
        HttpResponse<String> refused = alice.xhr("rest/caller/admin");
        assertEquals(403, refused.statusCode(), refused.body());

        HttpSession admin = new HttpSession(base);
        assertEquals(200, admin.login("admin", "admin123").statusCode());
        HttpResponse<String> allowed = admin.xhr("rest/caller/admin");
        assertEquals(200, allowed.statusCode(), allowed.body());
        assertEquals("{\"allowed\":\"admin\"}", allowed.body());
    }
}
