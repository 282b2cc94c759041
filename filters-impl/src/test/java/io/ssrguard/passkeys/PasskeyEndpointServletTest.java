package io.ssrguard.passkeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.auth.RequestRateLimit;
import io.ssrguard.auth.SignInThrottle;
import io.ssrguard.auth.ThrottleSettings;
import io.ssrguard.cookies.CookieRules;
import io.ssrguard.http.FakeHttp;
import io.ssrguard.http.OriginResolver;
import io.ssrguard.testing.LoggedRecords;
import io.ssrguard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The passkey endpoints behind the guessing protection: refused passkey sign-ins count against the
 * client address like wrong passwords, and a locked-out address gets {@code 429} with
 * {@code Retry-After} for options and sign-in, while another address is served. And the limit of
 * ceremony requests per address: past it, {@code 429} for a minute, one WARNING line, other
 * addresses served.
 */
class PasskeyEndpointServletTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    private PasskeyEndpointServlet servlet;

    @BeforeEach
    void setUp() throws Exception {
        servlet = servlet(1000);
    }

    private PasskeyEndpointServlet servlet(int requestsPerMinute) throws Exception {
        PasskeyCeremonies ceremonies = PasskeyCeremoniesTest.ceremonies(new InMemoryPasskeyStore(), event -> { }, clock);
        SignInThrottle throttle = new SignInThrottle(new ThrottleSettings(true, 5, 3, Duration.ofMinutes(15),
                Duration.ofMinutes(15), 1000), clock, event -> { });
        // No sessions or CSRF: nothing here gets as far as a sign-in.
        return new PasskeyEndpointServlet(ceremonies, ceremonies.settings(), null, null, new OriginResolver(List.of(), List.of()),
                new CookieRules(true, "/"), Duration.ofSeconds(5), Optional.of(throttle),
                new RequestRateLimit("passkey ceremony requests", requestsPerMinute, Duration.ofMinutes(1), 1000, clock),
                clock);
    }

    private FakeHttp.Response post(String path, String address, String json) throws Exception {
        FakeHttp.Request request = new FakeHttp.Request().post("application/json", json);
        request.servletPath = path;
        request.remoteAddr = address;
        FakeHttp.Response response = new FakeHttp.Response();
        servlet.service(request.build(), response.build());
        return response;
    }

    @Test
    void refusedPasskeySignInsLockTheAddressOutOfOptionsAndSignIn() throws Exception {
        for (int i = 0; i < 3; i++) {
            FakeHttp.Response refused = post(PasskeyPaths.SIGN_IN, "198.51.100.9", "{\"credential\":{}}");
            assertEquals(400, refused.status, refused.bodyText());
        }
        FakeHttp.Response options = post(PasskeyPaths.SIGN_IN_OPTIONS, "198.51.100.9", "{}");
        assertEquals(429, options.status, options.bodyText());
        assertEquals("{\"error\":\"too_many_attempts\"}", options.bodyText());
        assertNotNull(options.header("Retry-After"));
        assertEquals(429, post(PasskeyPaths.SIGN_IN, "198.51.100.9", "{\"credential\":{}}").status);

        assertEquals(200, post(PasskeyPaths.SIGN_IN_OPTIONS, "198.51.100.10", "{}").status, "another address");
        clock.advance(Duration.ofMinutes(16));
        assertEquals(200, post(PasskeyPaths.SIGN_IN_OPTIONS, "198.51.100.9", "{}").status, "after the lockout");
    }

    @Test
    void pastTheLimitOfCeremonyRequestsAnAddressGets429ForAMinuteAndOthersAreServed() throws Exception {
        servlet = servlet(4);
        try (LoggedRecords log = LoggedRecords.of(RequestRateLimit.class)) {
            for (int i = 0; i < 4; i++) {
                assertEquals(200, post(PasskeyPaths.SIGN_IN_OPTIONS, "198.51.100.20", "{}").status, "request " + (i + 1));
            }
            clock.advance(Duration.ofSeconds(10));
            FakeHttp.Response limited = post(PasskeyPaths.SIGN_IN_OPTIONS, "198.51.100.20", "{}");
            assertEquals(429, limited.status, limited.bodyText());
            assertEquals("{\"error\":\"too_many_attempts\"}", limited.bodyText());
            assertEquals("50", limited.header("Retry-After"), "the block is one minute from the request that reached the limit");
            // Every ceremony step, before anything else is looked at (here: before the missing sign-in's 401).
            assertEquals(429, post(PasskeyPaths.REGISTER_OPTIONS, "198.51.100.20", "{}").status);
            assertEquals(429, post(PasskeyPaths.REGISTER, "198.51.100.20", "{}").status);
            assertEquals(429, post(PasskeyPaths.SIGN_IN, "198.51.100.20", "{\"credential\":{}}").status);

            assertEquals(200, post(PasskeyPaths.SIGN_IN_OPTIONS, "198.51.100.21", "{}").status, "another address");
            List<LogRecord> warnings = log.records().stream().filter(r -> r.getLevel() == Level.WARNING).toList();
            assertEquals(1, warnings.size(), "one line when the address became limited");
            String line = warnings.get(0).getMessage();
            assertTrue(line.contains("198.51.100.20") && line.contains("passkey ceremony requests"), line);
        }
        clock.advance(Duration.ofSeconds(50));
        assertEquals(200, post(PasskeyPaths.SIGN_IN_OPTIONS, "198.51.100.20", "{}").status, "after the block");
    }
}
