package io.ssrguard.auth;

import io.ssrguard.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SsrGuardProperties;
import io.ssrguard.keys.JwkKeys;
import io.ssrguard.keys.KeyProvider;
import io.ssrguard.keys.TokenKey;
import io.ssrguard.refresh.EndedFamilies;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    static final Duration SKEW = AuthSettings.DEFAULT_CLOCK_SKEW;
    static final ECKey KEY = generate();

    final MutableClock clock = new MutableClock(NOW);

    static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("k1").algorithm(JWSAlgorithm.ES256).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The real codec on the test's clock. */
    AccessTokenCodec codec() {
        TokenKey key = JwkKeys.toTokenKey(KEY, "test");
        KeyProvider keys = new KeyProvider() {
            public TokenKey signingKey() {
                return key;
            }

            public List<TokenKey> verificationKeys() {
                return List.of(key);
            }
        };
        return new AccessTokenCodec(keys, AuthSettings.load(MapSettings.profile("prod").reader()), clock);
    }

    /** A verifier that accepts the tokens it was given, valid for five minutes, and counts its calls. */
    static final class CountingVerifier implements AccessTokenVerifier {
        final Map<String, VerifiedAccessToken> accepted = new ConcurrentHashMap<>();
        final AtomicInteger calls = new AtomicInteger();

        CountingVerifier accept(String token, String sid) {
            accepted.put(token, new VerifiedAccessToken(new Caller("alice", Set.of("user")), sid, "jti-" + token,
                    NOW.plusSeconds(300)));
            return this;
        }

        @Override
        public VerifiedAccessToken verify(String token) throws InvalidAccessTokenException {
            calls.incrementAndGet();
            VerifiedAccessToken v = accepted.get(token);
            if (v == null) {
                throw new InvalidAccessTokenException("unknown token");
            }
            return v;
        }
    }

    VerifiedTokenCache cache(int maxSize) {
        return new VerifiedTokenCache(maxSize, SKEW, clock);
    }

    static EndedFamilies noneEnded() {
        return new EndedFamilies(Duration.ofMinutes(20));
    }

    @Test
    void secondPresentationIsServedFromTheCacheWithoutVerifying() throws Exception {
        VerifiedTokenCache cache = cache(10);
        CountingVerifier verifier = new CountingVerifier().accept("a.b.c", "s1").accept("d.e.f", "s1");
        VerifiedAccessToken first = cache.verify("a.b.c", verifier);
        assertSame(first, cache.verify("a.b.c", verifier));
        assertEquals(1, verifier.calls.get());
        cache.verify("d.e.f", verifier);
        assertEquals(2, verifier.calls.get(), "another token is a miss");
        assertEquals(2, cache.size());
    }

    @Test
    void rejectionsAreNeverCached() {
        VerifiedTokenCache cache = cache(10);
        CountingVerifier verifier = new CountingVerifier();
        assertThrows(InvalidAccessTokenException.class, () -> cache.verify("x.y.z", verifier));
        assertThrows(InvalidAccessTokenException.class, () -> cache.verify("x.y.z", verifier));
        assertEquals(2, verifier.calls.get());
        assertEquals(0, cache.size());
    }

    @Test
    void cachedTokenExpiresExactlyWhenTheCodecWouldRefuseIt() throws Exception {
        AccessTokenCodec codec = codec();
        CachingTokenVerifier verifier = new CachingTokenVerifier(codec, cache(10), noneEnded());
        String token = codec.issue(new Caller("alice", Set.of("user")), "s1");
        Instant exp = verifier.verify(token).expiresAt();

        clock.set(exp.plus(SKEW).minusMillis(1));
        assertEquals("alice", verifier.verify(token).caller().name(), "still inside exp + skew: served");
        codec.verify(token);

        clock.set(exp.plus(SKEW));
        assertThrows(InvalidAccessTokenException.class, () -> codec.verify(token), "the codec's own boundary");
        assertThrows(InvalidAccessTokenException.class, () -> verifier.verify(token), "the cache's is the same");
        assertEquals(0, verifier.cache().size(), "the expired entry is dropped on the hit that finds it expired");
    }

    @Test
    void cachedTokenOfAnEndedFamilyIsRefusedOnItsNextRequest() throws Exception {
        AccessTokenCodec codec = codec();
        EndedFamilies ended = noneEnded();
        CachingTokenVerifier verifier = new CachingTokenVerifier(codec, cache(10), ended);
        String token = codec.issue(new Caller("alice", Set.of("user")), "s1");
        String other = codec.issue(new Caller("alice", Set.of("user")), "s2");
        verifier.verify(token);
        verifier.verify(other);
        assertEquals(2, verifier.cache().size(), "both cached");

        ended.add("s1", clock.instant());

        InvalidAccessTokenException e = assertThrows(InvalidAccessTokenException.class, () -> verifier.verify(token),
                "a cache hit of an ended family is refused");
        assertFalse(e.isExpired(), "not repairable by a refresh");
        assertEquals("alice", verifier.verify(other).caller().name(), "another family of the same user still works");
        String fresh = codec.issue(new Caller("alice", Set.of("user")), "s1");
        assertThrows(InvalidAccessTokenException.class, () -> verifier.verify(fresh),
                "a token of the family not seen before (a cache miss) is refused too");
    }

    @Test
    void tamperedTokenIsNeverServedFromTheCache() throws Exception {
        AccessTokenCodec codec = codec();
        CachingTokenVerifier verifier = new CachingTokenVerifier(codec, cache(10), noneEnded());
        String token = codec.issue(new Caller("alice", Set.of("user")), "s1");
        verifier.verify(token);

        String[] parts = token.split("\\.");
        String payload = new String(Base64URL.from(parts[1]).decode(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"alice\"", "\"admin\"");
        String forgedPayload = parts[0] + "." + Base64URL.encode(payload) + "." + parts[2];
        assertThrows(InvalidAccessTokenException.class, () -> verifier.verify(forgedPayload),
                "same signature, other payload: another key, full verification, refused");
        char last = parts[2].charAt(parts[2].length() - 2);
        String flippedSignature = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A')
                + token.charAt(token.length() - 1);
        assertThrows(InvalidAccessTokenException.class, () -> verifier.verify(flippedSignature));
        assertThrows(InvalidAccessTokenException.class, () -> verifier.verify(token + "."));
        assertEquals(1, verifier.cache().size(), "only the genuine token is cached");
        assertEquals("alice", verifier.verify(token).caller().name());
    }

    @Test
    void sizeNeverExceedsTheBoundAndNewTokensStillGetIn() throws Exception {
        VerifiedTokenCache cache = cache(5);
        CountingVerifier verifier = new CountingVerifier();
        for (int i = 0; i < 50; i++) {
            verifier.accept("t" + i, "s" + i);
            assertEquals("s" + i, cache.verify("t" + i, verifier).sessionId());
            assertTrue(cache.size() <= 5, "size " + cache.size());
        }
        int calls = verifier.calls.get();
        cache.verify("t49", verifier);
        assertEquals(calls, verifier.calls.get(), "the newest token made it in");
    }

    @Test
    void fullCacheDropsExpiredEntriesFirst() throws Exception {
        VerifiedTokenCache cache = cache(3);
        CountingVerifier verifier = new CountingVerifier();
        verifier.accepted.put("old", new VerifiedAccessToken(new Caller("bob", Set.of()), "s0", "j0", NOW.plusSeconds(10)));
        cache.verify("old", verifier);
        cache.verify("t1", verifier.accept("t1", "s1"));
        cache.verify("t2", verifier.accept("t2", "s2"));
        clock.advance(Duration.ofSeconds(60));
        cache.verify("t3", verifier.accept("t3", "s3"));
        int calls = verifier.calls.get();
        for (String t : List.of("t1", "t2", "t3")) {
            cache.verify(t, verifier);
        }
        assertEquals(calls, verifier.calls.get(), "the unexpired entries all stayed");
        assertEquals(3, cache.size());
    }

    @Test
    void evictSessionDropsEveryTokenOfThatSessionAndNoOther() throws Exception {
        VerifiedTokenCache cache = cache(10);
        CountingVerifier verifier = new CountingVerifier()
                .accept("a1", "family-a").accept("a2", "family-a").accept("b1", "family-b");
        for (String t : List.of("a1", "a2", "b1")) {
            cache.verify(t, verifier);
        }
        cache.evictSession("family-a");
        cache.evictSession(null);
        assertEquals(1, cache.size());
        cache.verify("b1", verifier);
        assertEquals(3, verifier.calls.get(), "family-b still cached");
        cache.verify("a1", verifier);
        assertEquals(4, verifier.calls.get(), "family-a verified afresh");
    }

    @Test
    void verificationRacingWithAnEvictionDoesNotPutItsEntryBack() throws Exception {
        VerifiedTokenCache cache = cache(10);
        CountingVerifier accepting = new CountingVerifier().accept("a1", "family-a");
        // The session is revoked while this token's signature is being checked.
        AccessTokenVerifier revokedMeanwhile = token -> {
            VerifiedAccessToken v = accepting.verify(token);
            cache.evictSession("family-a");
            return v;
        };
        cache.verify("a1", revokedMeanwhile);
        assertEquals(0, cache.size());
        cache.verify("a1", accepting);
        assertEquals(2, accepting.calls.get());
    }

    @Test
    void sizeZeroDisablesTheCache() throws Exception {
        VerifiedTokenCache cache = cache(0);
        CountingVerifier verifier = new CountingVerifier().accept("a.b.c", "s1");
        cache.verify("a.b.c", verifier);
        cache.verify("a.b.c", verifier);
        assertFalse(cache.enabled());
        assertEquals(2, verifier.calls.get());
        assertEquals(0, cache.size());
    }

    @Test
    void sizeComesFromSettingsWithADefaultAndBadValuesNameTheProperty() {
        assertEquals(VerifiedTokenCache.DEFAULT_MAX_SIZE,
                VerifiedTokenCache.load(MapSettings.profile("prod").reader(), SKEW, clock).maxSize());
        assertEquals(10_000, VerifiedTokenCache.DEFAULT_MAX_SIZE);
        assertFalse(VerifiedTokenCache.load(MapSettings.profile("prod")
                .with(SsrGuardProperties.AUTH_TOKEN_CACHE_SIZE, "0").reader(), SKEW, clock).enabled());
        for (String bad : List.of("-1", "many", "1e4")) {
            SettingsException e = assertThrows(SettingsException.class, () -> VerifiedTokenCache.load(
                    MapSettings.profile("prod").with(SsrGuardProperties.AUTH_TOKEN_CACHE_SIZE, bad).reader(), SKEW, clock));
            assertTrue(e.getMessage().contains(SsrGuardProperties.AUTH_TOKEN_CACHE_SIZE), e.getMessage());
        }
    }

    @Test
    void concurrentUseKeepsTheBoundAndServesTheRightToken() throws Exception {
        VerifiedTokenCache cache = cache(64);
        CountingVerifier verifier = new CountingVerifier();
        for (int i = 0; i < 500; i++) {
            verifier.accept("t" + i, "s" + i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int offset = thread;
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 5_000; round++) {
                        int i = (round * 7 + offset * 13) % 500;
                        if (!cache.verify("t" + i, verifier).sessionId().equals("s" + i) || cache.size() > 64) {
                            return false;
                        }
                        if (round % 1000 == 0) {
                            cache.evictSession("s" + i);
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(cache.size() <= 64, "size " + cache.size());
    }
}
