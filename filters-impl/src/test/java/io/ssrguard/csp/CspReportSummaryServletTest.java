package io.ssrguard.csp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.guard.GuardSettings;
import io.ssrguard.guard.InternalGuard;
import io.ssrguard.http.FakeHttp;
import io.ssrguard.http.PathPattern;
import io.ssrguard.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CspReportSummaryServletTest {

    static final String SECRET = "summary-secret-0123456789abcdef";
    static final String PATH = CspSettings.DEFAULT_REPORT_SUMMARY_PATH;

    final CspViolationSummary summary = new CspViolationSummary(10, new MutableClock(Instant.parse("2026-03-01T10:00:00Z")));

    static InternalGuard guard(List<String> paths) {
        return new InternalGuard(new GuardSettings(paths.stream().map(PathPattern::new).toList(), List.of(SECRET),
                "X-Internal-Secret", List.of(), List.of()).alsoGuarding(PATH));
    }

    FakeHttp.Response get(InternalGuard guard, String secret) throws Exception {
        FakeHttp.Request request = new FakeHttp.Request().path(PATH);
        if (secret != null) {
            request.header("X-Internal-Secret", secret);
        }
        FakeHttp.Response response = new FakeHttp.Response();
        new CspReportSummaryServlet(summary, guard).service(request.build(), response.build());
        return response;
    }

    @Test
    void withTheSecretTheSummaryIsJsonWithoutItTheAnswerIsTheContainers404() throws Exception {
        summary.add(new CspViolation("img-src", "https://x.example/p.gif?token=t0k3n", "https://shop.example/", null, 0, 0,
                "report", null));
        // The guard's own paths do not cover the summary: the pack adds it.
        InternalGuard guard = guard(List.of("/ops/*"));
        assertTrue(guard.guards(PATH));

        FakeHttp.Response ok = get(guard, SECRET);
        assertEquals(200, ok.status);
        assertTrue(ok.header("Content-Type").startsWith("application/json"), ok.header("Content-Type"));
        assertTrue(ok.bodyText().contains("\"blocked\":\"https:\\/\\/x.example\"") || ok.bodyText().contains("\"blocked\":\"https://x.example\""),
                ok.bodyText());
        assertFalse(ok.bodyText().contains("t0k3n"), ok.bodyText());

        for (String wrong : new String[] {null, SECRET + "x", ""}) {
            FakeHttp.Response refused = get(guard, wrong);
            assertEquals(404, refused.status, "sendError(404), as for an unknown path");
            assertEquals("", refused.bodyText());
        }
    }

    @Test
    void anOffGuardOpensNothing() throws Exception {
        assertEquals(404, get(InternalGuard.off(), SECRET).status);
    }
}
