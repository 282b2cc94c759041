package io.ssrguard.csrf;

import io.ssrguard.testing.MutableClock;
import io.ssrguard.auth.BearerOnlyRule;
import io.ssrguard.auth.Caller;
import io.ssrguard.auth.InvalidAccessTokenException;
import io.ssrguard.auth.VerifiedAccessToken;
import io.ssrguard.auth.RequestAttributes;
import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SsrGuardProperties;
import io.ssrguard.cookies.CookieRules;
import io.ssrguard.http.FakeHttp;
import io.ssrguard.http.OriginResolver;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.crypto.SecretKey;

/** A started {@link CsrfProtection} for adapter tests, as a production profile would configure it. */
final class CsrfFixture {

    static final String UA = "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0";
    static final List<String> AUTH_COOKIES = List.of("__Host-ssrguard-at", "__Host-ssrguard-at-hp",
            "__Host-ssrguard-at-sig", "__Host-ssrguard-rt");
    /** The one bearer token the fixture's verifier accepts. */
    static final String VALID_BEARER = "eyJ.valid.bearer";

    final MutableClock clock = new MutableClock();
    final SecretKey key = TestKeys.aes();
    final MapSettings settings;
    final CsrfProtection protection;

    CsrfFixture() {
        this(MapSettings.profile("prod"));
    }

    CsrfFixture(MapSettings base) {
        this(base, true);
    }

    /** @param bearerEnabled whether bearer authentication is on */
    CsrfFixture(MapSettings base, boolean bearerEnabled) {
        settings = base.with(SsrGuardProperties.CSRF_KEYS, TestKeys.base64(key))
                .with(SsrGuardProperties.CSRF_EXEMPT_PATHS, "/hooks/*");
        CookieRules cookies = CookieRules.load(settings.reader(), "");
        BearerOnlyRule bearer = new BearerOnlyRule(bearerEnabled, token -> {
            if (!token.equals(VALID_BEARER)) {
                throw new InvalidAccessTokenException("bad signature");
            }
            return new VerifiedAccessToken(new Caller("app", Set.of("user")), "fam-b", "jti", Instant.MAX);
        }, AUTH_COOKIES, Set.of("/auth/login", "/auth/refresh", "/auth/logout"));
        protection = CsrfProtection.start(settings.reader(), cookies, OriginResolver.load(settings.reader()),
                bearer::isBearerOnly, Set.of("/auth/refresh", "/auth/logout"), clock, TestKeys.RANDOM);
    }

    /** A same-origin browser POST with the given User-Agent. */
    static FakeHttp.Request post(String path) {
        return new FakeHttp.Request().method("POST").path(path).header("User-Agent", UA)
                .header("Sec-Fetch-Site", "same-origin").header("Origin", "https://shop.example.com");
    }

    /** Marks a request as coming from a signed-in caller in session {@code sid}, as the mechanism does. */
    static FakeHttp.Request signedIn(FakeHttp.Request r, String sid) {
        return r.attribute(RequestAttributes.CALLER, new Caller("alice", Set.of("user")))
                .attribute(RequestAttributes.SESSION_ID, sid)
                .cookie("__Host-ssrguard-at", "a.b.c");
    }

    /** A request carrying a client token in cookie and header. */
    static FakeHttp.Request withClientToken(FakeHttp.Request r, String token) {
        return r.cookie("__Host-ssrguard-csrf", token).header("X-XSRF-TOKEN", token);
    }
}
