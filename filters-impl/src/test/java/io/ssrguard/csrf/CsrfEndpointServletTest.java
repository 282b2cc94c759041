package io.ssrguard.csrf;

import static io.ssrguard.csrf.CsrfFixture.UA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.ssrguard.http.FakeHttp;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsrfEndpointServletTest {

    final CsrfFixture f = new CsrfFixture();
    final CsrfEndpointServlet servlet = new CsrfEndpointServlet(f.protection);

    FakeHttp.Response get(FakeHttp.Request request) throws Exception {
        FakeHttp.Response response = new FakeHttp.Response();
        servlet.service(request.build(), response.build());
        return response;
    }

    @Test
    void issuesCookieHeaderAndBody() throws Exception {
        FakeHttp.Response r = get(new FakeHttp.Request().path("/auth/csrf").header("User-Agent", UA));
        assertEquals(200, r.status);
        Map<String, Object> body = JSONObjectUtils.parse(r.bodyText());
        String token = (String) body.get("token");
        assertEquals("X-XSRF-TOKEN", body.get("headerName"));
        assertEquals(token, r.header("X-XSRF-TOKEN"));
        assertEquals("no-store", r.header("Cache-Control"));
        assertTrue(r.header("Set-Cookie").startsWith("__Host-ssrguard-csrf=" + token + ";"));
        f.protection.verifier().verifyClient(token, token, UA, null);
    }

    @Test
    void signedInCallerGetsASessionBoundToken() throws Exception {
        FakeHttp.Response r = get(CsrfFixture.signedIn(new FakeHttp.Request().path("/auth/csrf").header("User-Agent", UA), "fam-a"));
        String token = r.header("X-XSRF-TOKEN");
        assertEquals("fam-a", f.protection.verifier().verifyClient(token, token, UA, "fam-a").sessionId());
    }

    @Test
    void returnsTheCookiesTokenWhileItIsGood() throws Exception {
        String existing = f.protection.issuer().fresh(UA, null).token();
        FakeHttp.Response r = get(new FakeHttp.Request().path("/auth/csrf").header("User-Agent", UA)
                .cookie("__Host-ssrguard-csrf", existing));
        assertEquals(existing, r.header("X-XSRF-TOKEN"));
        assertTrue(r.headers("Set-Cookie").isEmpty());
    }

    @Test
    void onlyGet() throws Exception {
        FakeHttp.Response r = get(new FakeHttp.Request().method("POST").path("/auth/csrf"));
        assertEquals(405, r.status);
        assertEquals("GET", r.header("Allow"));
    }
}
