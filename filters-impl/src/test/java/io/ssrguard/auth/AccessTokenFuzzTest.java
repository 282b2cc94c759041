package io.ssrguard.auth;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.jwk.ECKey;
import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SsrGuardProperties;
import io.ssrguard.cookies.CookieRules;
import io.ssrguard.http.FakeHttp;
import io.ssrguard.http.RequestCookies;
import io.ssrguard.keys.JwkKeys;
import io.ssrguard.keys.KeyProvider;
import io.ssrguard.keys.TokenKey;
import io.ssrguard.testing.FuzzBudget;
import io.ssrguard.testing.FuzzInput;
import jakarta.servlet.http.HttpServletRequest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.time.Duration;
import io.ssrguard.refresh.EndedFamilies;

/**
 * Fuzzes the access token as it arrives in cookies: the whole-token cookie through the real
 * codec and its cache, and the Cookie header's name/value pairs (as the container hands them
 * over) through split-cookie assembly into the same verification.
 *
 * <p>Invariant: a verified token or {@link InvalidAccessTokenException}, nothing else, each call
 * under {@link FuzzInput#BOUND}. The key and the clock are fixed, so the committed seed tokens
 * (signed with {@link #KEY}) verify in every run and the fuzzer starts from real structure.
 */
class AccessTokenFuzzTest {

    /** A test-only P-256 key; the seed tokens under AccessTokenFuzzTestInputs are signed with it. */
    static final String KEY = "{\"kty\":\"EC\",\"d\":\"7-lngoUSyFE-_imnZcp4BlQ_eCx_6k_Jt92dch-Zs4o\",\"crv\":\"P-256\","
            + "\"kid\":\"fuzz\",\"x\":\"O8mcfl-CuuUjBOjKC1T9fz7Flje3MhEnS3d9CSTVnOo\","
            + "\"y\":\"7Dvwb7NxLpmTgK3YrBM8EMO1Y0_HfduUiZPTmhBRT8U\",\"alg\":\"ES256\"}";
    /** When the seed tokens were issued; they expire 15 minutes later, so the clock stays here. */
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final AccessTokenVerifier verifier;
    private final AccessCookies splitCookies;

    AccessTokenFuzzTest() throws ParseException {
        TokenKey key = JwkKeys.toTokenKey(ECKey.parse(KEY), "fuzz");
        KeyProvider keys = new KeyProvider() {
            public TokenKey signingKey() {
                return key;
            }

            public List<TokenKey> verificationKeys() {
                return List.of(key);
            }
        };
        MapSettings settings = MapSettings.profile("prod").with(SsrGuardProperties.AUTH_SPLIT_COOKIE, "true");
        AuthSettings auth = AuthSettings.load(settings.reader());
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        verifier = new CachingTokenVerifier(new AccessTokenCodec(keys, auth, clock),
                new VerifiedTokenCache(100, auth.clockSkew(), clock), new EndedFamilies(Duration.ofMinutes(20)));
        splitCookies = new AccessCookies(auth, CookieRules.load(settings.reader(), ""));
    }

    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void accessTokenCookie(byte[] data) throws Exception {
        String token = FuzzInput.latin1(data);
        FuzzInput.bounded("access token verification", () -> {
            try {
                VerifiedAccessToken verified = verifier.verify(token);
                assertNotNull(verified.caller().name(), "a verified token names its caller");
            } catch (InvalidAccessTokenException refused) {
                assertNotNull(refused.getMessage(), "a refusal gives its reason for the log");
            }
        });
    }

    /** Input: lines of {@code name=value}, the cookies the container parsed out of the Cookie header. */
    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void splitAccessCookies(byte[] data) throws Exception {
        FakeHttp.Request fake = new FakeHttp.Request();
        for (String line : FuzzInput.latin1(data).split("\n")) {
            int eq = line.indexOf('=');
            String name = eq < 0 ? line : line.substring(0, eq);
            if (validCookieName(name)) {
                fake.cookie(name, eq < 0 ? "" : line.substring(eq + 1));
            }
        }
        HttpServletRequest request = fake.build();
        FuzzInput.bounded("split access cookie assembly and verification", () -> {
            try {
                Optional<String> token = splitCookies.read(name -> RequestCookies.value(request, name));
                if (token.isPresent()) {
                    assertNotNull(verifier.verify(token.get()).caller().name(), "a verified token names its caller");
                }
            } catch (InvalidAccessTokenException refused) {
                assertNotNull(refused.getMessage(), "a refusal gives its reason for the log");
            }
        });
    }

    /** The container refuses these names while parsing the header; they never reach the pack. */
    private static boolean validCookieName(String name) {
        if (name.isEmpty() || name.startsWith("$")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
