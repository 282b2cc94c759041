package io.ssrguard.csrf;

import static io.ssrguard.csrf.CsrfFixture.UA;
import static io.ssrguard.csrf.CsrfFixture.post;
import static io.ssrguard.csrf.CsrfFixture.signedIn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SsrGuardProperties;
import io.ssrguard.http.FakeHttp;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The client token in a form field ({@code _csrf}) of a plain HTML form post, with the header's checks. */
class CsrfFormFieldTest {

    static final String FORM = "application/x-www-form-urlencoded";
    static final String MULTIPART = "multipart/form-data; boundary=xyz";

    final CsrfFixture f = new CsrfFixture();
    final CsrfFilter filter = new CsrfFilter(f.protection);

    record Outcome(ServletRequest handedOn, FakeHttp.Response response) {
        boolean passed() {
            return handedOn != null;
        }
    }

    Outcome run(FakeHttp.Request request) throws Exception {
        FakeHttp.Response response = new FakeHttp.Response();
        ServletRequest[] handedOn = {null};
        filter.doFilter(request.build(), response.build(), (rq, rs) -> handedOn[0] = rq);
        return new Outcome(handedOn[0], response);
    }

    String token(String sid) {
        return f.protection.issuer().fresh(UA, sid).token();
    }

    static FakeHttp.Request form(FakeHttp.Request r, String token, String body) {
        return r.cookie("__Host-ssrguard-csrf", token).body(FORM, body.getBytes(StandardCharsets.UTF_8));
    }

    static void assertStatus(Outcome o, int status, String body) {
        assertNull(o.handedOn(), "the application must not run");
        assertEquals(status, o.response().status);
        assertEquals(body, o.response().bodyText());
    }

    /** A form cut off or trickled until the container's socket timeout: its read throws, the client gets the pack's JSON. */
    @Test
    void aFormWhoseReadTimesOutGets408AndAFailedReadGets400NeverTheException() throws Exception {
        for (java.io.IOException failure : new java.io.IOException[] {
                new java.io.IOException(new java.util.concurrent.TimeoutException()), new java.io.EOFException("reset")}) {
            String token = token("fam-a");
            FakeHttp.Request request = form(signedIn(post("/api/notes"), "fam-a"), token, "text=hi&_csrf=" + token);
            request.input = new jakarta.servlet.ServletInputStream() {
                @Override
                public int read() throws java.io.IOException {
                    throw failure;
                }

                @Override
                public boolean isFinished() {
                    return false;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(jakarta.servlet.ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
            boolean timeout = failure.getCause() != null;
            assertStatus(run(request), timeout ? 408 : 400,
                    timeout ? "{\"error\":\"body_timeout\"}" : "{\"error\":\"malformed_body\"}");
        }
    }

    @Test
    void urlEncodedFieldPassesAndTheApplicationStillReadsTheBodyBothWays() throws Exception {
        String token = token("fam-a");
        String body = "text=caf%C3%A9+au+lait&_csrf=" + token + "&tag=a&tag=b";
        Outcome o = run(form(signedIn(post("/api/notes"), "fam-a"), token, body));

        assertTrue(o.passed(), o.response().bodyText());
        HttpServletRequest app = (HttpServletRequest) o.handedOn();
        app.setCharacterEncoding("UTF-8");
        assertEquals("café au lait", app.getParameter("text"), "parameters from the replayed body, in the charset set late");
        assertArrayEquals(new String[] {"a", "b"}, app.getParameterValues("tag"));
        assertEquals(token, app.getParameter("_csrf"));
        assertEquals(body, new String(app.getInputStream().readAllBytes(), StandardCharsets.UTF_8), "the raw body, replayed");
        assertThrows(IllegalStateException.class, app::getReader, "read once, as the container does");
    }

    @Test
    void aBodyAnEarlierFilterParsedIsReadFromTheContainersParameters() throws Exception {
        String token = token("fam-a");
        FakeHttp.Request r = form(signedIn(post("/api/notes"), "fam-a"), token, "");
        r.header("Content-Length", "60"); // the container read the body for an earlier getParameter
        r.parameters.put("_csrf", new String[] {token});
        Outcome o = run(r);
        assertTrue(o.passed(), o.response().bodyText());

        r.parameters.put("_csrf", new String[] {token, token});
        assertStatus(run(r), 403, "{\"error\":\"csrf\"}");
        r.parameters.clear();
        assertStatus(run(r), 403, "{\"error\":\"csrf\"}");
    }

    @Test
    void aFormWithoutTheFieldIsRefused() throws Exception {
        Outcome o = run(form(signedIn(post("/api/notes"), "fam-a"), token("fam-a"), "text=hello"));
        assertStatus(o, 403, "{\"error\":\"csrf\"}");
    }

    @Test
    void theFieldGetsExactlyTheHeadersChecks() throws Exception {
        String other = token("fam-b");
        assertStatus(run(form(signedIn(post("/api/notes"), "fam-a"), other, "_csrf=" + other)), 403, "{\"error\":\"csrf\"}");

        String mine = token("fam-a");
        assertStatus(run(form(signedIn(post("/api/notes"), "fam-a"), token("fam-a"), "_csrf=" + mine)),
                403, "{\"error\":\"csrf\"}"); // the cookie holds another token: no double submit
        assertStatus(run(form(signedIn(post("/api/notes").header("User-Agent", "curl/8.5"), "fam-a"), mine, "_csrf=" + mine)),
                403, "{\"error\":\"csrf\"}");
        assertTrue(run(form(signedIn(post("/api/notes"), "fam-a"), mine, "_csrf=" + mine)).passed(), "control");
    }

    @Test
    void crossSiteFormsAreRefusedBeforeTheBodyIsRead() throws Exception {
        String token = token("fam-a");
        FakeHttp.Request r = form(signedIn(post("/api/notes").header("Sec-Fetch-Site", "cross-site"), "fam-a"), token,
                "_csrf=" + token);
        assertStatus(run(r), 403, "{\"error\":\"csrf\"}");
        assertEquals(0, r.bodyReads);
    }

    @Test
    void aHeaderAndAFieldThatDisagreeAreRefusedWhicheverIsRight() throws Exception {
        String token = token("fam-a");
        FakeHttp.Request rightHeader = form(signedIn(post("/api/notes"), "fam-a"), token, "_csrf=" + token("fam-b"))
                .header("X-XSRF-TOKEN", token);
        assertStatus(run(rightHeader), 403, "{\"error\":\"csrf\"}");
        FakeHttp.Request rightField = form(signedIn(post("/api/notes"), "fam-a"), token, "_csrf=" + token)
                .header("X-XSRF-TOKEN", token("fam-b"));
        assertStatus(run(rightField), 403, "{\"error\":\"csrf\"}");
    }

    @Test
    void aHeaderAndAFieldThatAgreePassAndTheBodyIsReplayed() throws Exception {
        String token = token("fam-a");
        FakeHttp.Request r = form(signedIn(post("/api/notes"), "fam-a"), token, "text=hi&_csrf=" + token)
                .header("X-XSRF-TOKEN", token);
        Outcome o = run(r);
        assertTrue(o.passed(), "the same token twice");
        assertTrue(o.handedOn() instanceof ReplayedFormRequest, "the application still reads the form");
    }

    @Test
    void otherContentTypesNeverHaveTheirBodyRead() throws Exception {
        String token = token("fam-a");
        FakeHttp.Request r = signedIn(post("/api/notes"), "fam-a").cookie("__Host-ssrguard-csrf", token)
                .body("application/json", ("{\"_csrf\":\"" + token + "\"}").getBytes(StandardCharsets.UTF_8));
        assertStatus(run(r), 403, "{\"error\":\"csrf\"}");
        assertEquals(0, r.bodyReads);
    }

    @Test
    void aFormOverTheLimitGets413Unread() throws Exception {
        String token = token("fam-a");
        FakeHttp.Request r = signedIn(post("/api/notes"), "fam-a").cookie("__Host-ssrguard-csrf", token)
                .body(FORM, new byte[16])
                .header("Content-Length", Integer.toString(CsrfSettings.DEFAULT_FORM_MAX_BYTES + 1));
        assertStatus(run(r), 413, "{\"error\":\"body_too_large\"}");
        assertEquals(0, r.bodyReads);

        FakeHttp.Request dishonest = signedIn(post("/api/notes"), "fam-a").cookie("__Host-ssrguard-csrf", token)
                .body(FORM, new byte[CsrfSettings.DEFAULT_FORM_MAX_BYTES + 10]);
        dishonest.headers.remove("Content-Length");
        assertStatus(run(dishonest), 413, "{\"error\":\"body_too_large\"}");
    }

    @Test
    void aRepeatedOrMalformedFieldIsRefused() throws Exception {
        String token = token("fam-a");
        assertStatus(run(form(signedIn(post("/api/notes"), "fam-a"), token, "_csrf=" + token + "&_csrf=" + token)),
                403, "{\"error\":\"csrf\"}");
        assertStatus(run(form(signedIn(post("/api/notes"), "fam-a"), token, "_csrf=%zz")), 400, "{\"error\":\"malformed_body\"}");
        assertStatus(run(form(signedIn(post("/api/notes"), "fam-a"), token, "_csrf=" + "A".repeat(600))),
                403, "{\"error\":\"csrf\"}");
    }

    @Test
    void multipartFieldIsReadThroughTheContainersParser() throws Exception {
        String token = token("fam-a");
        FakeHttp.Request r = signedIn(post("/api/notes"), "fam-a").cookie("__Host-ssrguard-csrf", token)
                .body(MULTIPART, new byte[100]);
        r.parts.put("_csrf", part(token, null));
        Outcome o = run(r);
        assertTrue(o.passed(), o.response().bodyText());
        assertEquals(1, r.bodyReads, "one getPart, no raw read");

        FakeHttp.Request missing = signedIn(post("/api/notes"), "fam-a").cookie("__Host-ssrguard-csrf", token)
                .body(MULTIPART, new byte[100]);
        assertStatus(run(missing), 403, "{\"error\":\"csrf\"}");

        FakeHttp.Request file = signedIn(post("/api/notes"), "fam-a").cookie("__Host-ssrguard-csrf", token)
                .body(MULTIPART, new byte[100]);
        file.parts.put("_csrf", part(token, "token.txt"));
        assertStatus(run(file), 403, "{\"error\":\"csrf\"}");
    }

    @Test
    void aMalformedMultipartBodyIs400NeverA500() throws Exception {
        for (Exception failure : new Exception[] {new ServletException("bad boundary"), new IllegalStateException(
                "no multipart config"), new java.io.IOException("truncated")}) {
            FakeHttp.Request r = signedIn(post("/api/notes"), "fam-a").cookie("__Host-ssrguard-csrf", token("fam-a"))
                    .body(MULTIPART, new byte[100]);
            r.partsFailure = failure;
            assertStatus(run(r), 400, "{\"error\":\"malformed_body\"}");
        }
    }

    @Test
    void theFieldNameIsConfigurableAndPublishedForPages() throws Exception {
        CsrfFixture custom = new CsrfFixture(MapSettings.profile("prod").with(SsrGuardProperties.CSRF_FIELD_NAME, "authenticity_token"));
        CsrfFilter customFilter = new CsrfFilter(custom.protection);
        String token = custom.protection.issuer().fresh(UA, "fam-a").token();
        FakeHttp.Request r = form(signedIn(post("/api/notes"), "fam-a"), token, "authenticity_token=" + token);
        ServletRequest[] handedOn = {null};
        customFilter.doFilter(r.build(), new FakeHttp.Response().build(), (rq, rs) -> handedOn[0] = rq);
        assertTrue(handedOn[0] != null);
        CsrfTokens tokens = (CsrfTokens) r.attributes.get(CsrfAttributes.TOKENS);
        assertEquals("authenticity_token", tokens.getFieldName());

        assertEquals("_csrf", f.protection.settings().fieldName(), "the default");
        assertThrows(SettingsException.class, () -> new CsrfFixture(MapSettings.profile("prod")
                .with(SsrGuardProperties.CSRF_FIELD_NAME, "bad name")));
        assertThrows(SettingsException.class, () -> new CsrfFixture(MapSettings.profile("prod")
                .with(SsrGuardProperties.CSRF_FORM_MAX_BYTES, "12")));
        assertEquals(4096, new CsrfFixture(MapSettings.profile("prod").with(SsrGuardProperties.CSRF_FORM_MAX_BYTES, "4096"))
                .protection.settings().formMaxBytes());
    }

    private static Part part(String value, String fileName) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        return (Part) Proxy.newProxyInstance(Part.class.getClassLoader(), new Class<?>[] {Part.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "getSubmittedFileName" -> fileName;
                    case "getSize" -> (long) bytes.length;
                    case "getInputStream" -> new ByteArrayInputStream(bytes);
                    case "getName" -> "_csrf";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void handsOnTheSameRequestWhenNoFormWasRead() throws Exception {
        FakeHttp.Request r = signedIn(post("/api/notes"), "fam-a");
        String token = token("fam-a");
        HttpServletRequest built = CsrfFixture.withClientToken(r, token).build();
        ServletRequest[] handedOn = {null};
        filter.doFilter(built, new FakeHttp.Response().build(), (rq, rs) -> handedOn[0] = rq);
        assertSame(built, handedOn[0]);
    }
}
