package io.ssrguard.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EndpointServletTest {

    /** Two endpoints: one that answers, one that fails in each way an endpoint can. */
    static final class Sample extends EndpointServlet {
        private static final long serialVersionUID = 1L;
        private final transient Map<String, Endpoint> endpoints = byPath(
                Map.entry("/ok", new Endpoint(List.of("GET", "HEAD"), (request, response) ->
                        JsonResponses.write(response, 200, Map.of("ok", true)))),
                Map.entry("/ok", Endpoint.of("POST", (request, response) -> {
                    throw new AssertionError("the first endpoint listed for a path wins");
                })),
                Map.entry("/fail", Endpoint.of("POST", (request, response) -> {
                    switch (request.getHeader("X-Fail")) {
                        case "refused" -> throw new BadRequestException(422, "bad_thing", "secret detail");
                        case "unavailable" -> throw new BadRequestException(503, "unavailable", "store down");
                        default -> throw new IllegalStateException("java.lang.IllegalStateException: internal detail");
                    }
                })));

        Sample() {
            super("sample endpoint");
        }

        @Override
        protected Optional<Endpoint> endpoint(String servletPath) {
            return Optional.ofNullable(endpoints.get(servletPath));
        }
    }

    FakeHttp.Response call(FakeHttp.Request request) throws Exception {
        FakeHttp.Response response = new FakeHttp.Response();
        new Sample().service(request.build(), response.build());
        return response;
    }

    @Test
    void anEndpointAnswersItsMethods() throws Exception {
        FakeHttp.Response ok = call(new FakeHttp.Request().path("/ok"));
        assertEquals(200, ok.status);
        assertEquals("{\"ok\":true}", ok.bodyText());
        assertEquals(200, call(new FakeHttp.Request().method("HEAD").path("/ok")).status);
    }

    @Test
    void anUnknownPathIs404AndAnotherMethodIs405WithAllow() throws Exception {
        FakeHttp.Response unknown = call(new FakeHttp.Request().path("/nowhere"));
        assertEquals(404, unknown.status);
        assertEquals("{\"error\":\"not_found\"}", unknown.bodyText());
        assertNull(unknown.header("Allow"));

        FakeHttp.Response wrong = call(new FakeHttp.Request().method("POST").path("/ok"));
        assertEquals(405, wrong.status);
        assertEquals("GET, HEAD", wrong.header("Allow"));
        assertEquals("{\"error\":\"method_not_allowed\"}", wrong.bodyText());
    }

    @Test
    void aRefusalIsItsStatusAndCodeNeverItsMessage() throws Exception {
        FakeHttp.Response refused = call(new FakeHttp.Request().method("POST").path("/fail").header("X-Fail", "refused"));
        assertEquals(422, refused.status);
        assertEquals("{\"error\":\"bad_thing\"}", refused.bodyText());
        assertEquals("no-store", refused.header("Cache-Control"));

        FakeHttp.Response unavailable = call(new FakeHttp.Request().method("POST").path("/fail")
                .header("X-Fail", "unavailable"));
        assertEquals(503, unavailable.status);
        assertEquals(Integer.toString(JsonResponses.RETRY_AFTER_SECONDS), unavailable.header("Retry-After"));
    }

    @Test
    void aFailureIsABare500WithoutTraceOrExceptionName() throws Exception {
        FakeHttp.Response failed = call(new FakeHttp.Request().method("POST").path("/fail").header("X-Fail", "boom"));
        assertEquals(500, failed.status);
        assertEquals("{\"error\":\"internal_error\"}", failed.bodyText());
        assertFalse(failed.bodyText().contains("Exception"));
    }
}
