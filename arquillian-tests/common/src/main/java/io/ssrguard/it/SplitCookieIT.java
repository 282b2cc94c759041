package io.ssrguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Split-cookie mode, deployed under a context path of its own (so cookies get
 * the {@code __Secure-} prefix and that Path): the readable half alone, or the
 * signature alone, never signs anyone in.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SplitCookieIT implements PrimeFacesTests {

    static final String READABLE = "__Secure-ssrguard-at-hp";
    static final String SIGNATURE = "__Secure-ssrguard-at-sig";

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        // Also the deployment where the guard and the headers are switched off, to see them absent, and
        // (Payara, WildFly) the one with PrimeFaces in its CSP mode (PrimeFacesTests).
        return PrimeFacesTests.withPrimeFaces(SampleDeployment.testDeployment("shop.war", Map.of(
                "ssrguard.auth.split-cookie", "true",
                "ssrguard.guard.enabled", "false",
                "ssrguard.headers.enabled", "false",
                "ssrguard.gate.enabled", "false")));
    }

    @Override
    public URI base() {
        try {
            return base.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void switchedOffGuardAndHeadersAreAbsent() throws Exception {
        HttpSession visitor = new HttpSession(base.toURI());
        HttpResponse<String> diagnostics = visitor.get("internal/diagnostics");
        assertEquals(200, diagnostics.statusCode(), "guard off: the endpoint is reachable");
        assertTrue(diagnostics.body().contains("\"uptimeMillis\""), diagnostics.body());
        HttpResponse<String> page = visitor.get("");
        for (String header : FilterChainIT.SECURITY_HEADERS.keySet()) {
            if (!header.equals("X-Frame-Options")) {
                assertTrue(page.headers().firstValue(header).isEmpty(), header + " must be absent when headers are off");
            }
        }
    }

    @Test
    void loginSplitsTheTokenAndBothHalvesAreNeeded() throws Exception {
        HttpSession alice = new HttpSession(base.toURI());
        HttpResponse<String> login = alice.login("alice", "alice123");
        assertEquals(200, login.statusCode(), login.body());

        SetCookie readable = SetCookie.of(login, READABLE);
        SetCookie signature = SetCookie.of(login, SIGNATURE);
        assertFalse(readable.has("HttpOnly"), "header.payload is for the page's scripts");
        assertTrue(signature.has("HttpOnly"), "the signature never reaches scripts");
        assertTrue(readable.has("Secure") && signature.has("Secure"));
        assertEquals("/shop", readable.attribute("Path"));
        assertEquals("/shop", signature.attribute("Path"));
        assertEquals(2, readable.value().split("\\.").length, "header.payload");
        assertFalse(signature.value().contains("."), "bare signature");

        assertEquals(200, alice.get("api/profile").statusCode());
        assertEquals(200, alice.get("auth/me").statusCode());

        URL root = base;
        HttpSession readableOnly = new HttpSession(root.toURI()).cookie(READABLE, readable.value());
        HttpSession signatureOnly = new HttpSession(root.toURI()).cookie(SIGNATURE, signature.value());
        for (HttpSession half : new HttpSession[] {readableOnly, signatureOnly}) {
            CookieAuthenticationIT.assertUnauthorized(half.get("api/profile"));
            CookieAuthenticationIT.assertUnauthorized(half.get("auth/me"));
        }

        String whole = readable.value() + "." + signature.value();
        HttpSession wholeInOneCookie = new HttpSession(root.toURI()).cookie("__Secure-ssrguard-at", whole);
        CookieAuthenticationIT.assertUnauthorized(wholeInOneCookie.get("api/profile"));

        String tampered = ForgedTokens.tamperedPayload(whole);
        HttpSession swapped = new HttpSession(root.toURI())
                .cookie(READABLE, tampered.substring(0, tampered.lastIndexOf('.')))
                .cookie(SIGNATURE, signature.value());
        CookieAuthenticationIT.assertUnauthorized(swapped.get("api/profile"));
    }
}
