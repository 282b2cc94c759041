package io.ssrguard.csrf;

import io.ssrguard.http.PresentedToken;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Client CSRF tokens this verifier has already decrypted and accepted, so that
 * a browser's next unsafe request with the same token (it keeps one for a day)
 * costs a map look-up instead of an AES-GCM open, a JSON parse and a SHA-256 of
 * the User-Agent.
 *
 * <p><b>What is cached is only the decryption.</b> Every check that depends on
 * the request or the time (purpose, TTL against the clock, User-Agent,
 * {@code sid}) runs again on every request against the cached payload; only
 * "these exact characters are an authentic token with this payload" is
 * remembered, and that never changes for a given token under the verifier's
 * keys, which are fixed for its lifetime.
 *
 * <p><b>Key.</b> The whole token, compared in full and in constant time
 * ({@link PresentedToken}); only tokens that decrypted under a key and passed
 * every check are put, so a tampered or forged token never finds an entry and is
 * decrypted (and refused) as before.
 *
 * <p><b>User-Agent.</b> An entry also keeps the User-Agent string that matched
 * the token's {@code ua} hash; a request with the same string (compared in
 * full) needs no hashing: equal strings have equal hashes. Any other string is
 * hashed and compared as before.
 *
 * <p><b>Bound.</b> Anyone can fetch anonymous tokens, so the map is bounded:
 * at {@value #MAX_SIZE} entries it is emptied, which costs each browser one
 * decryption more and nothing else.
 */
final class OpenedClientTokens {

    /** Entries kept at most (a few hundred bytes each). */
    static final int MAX_SIZE = 4096;

    /** An authentic payload and a User-Agent known to match its {@code ua} hash. */
    record Opened(CsrfToken token, String userAgent) {
    }

    private final ConcurrentHashMap<PresentedToken, Opened> opened = new ConcurrentHashMap<>();

    /** The cached payload of exactly {@code token}, or {@code null}. */
    Opened get(PresentedToken token) {
        return opened.get(token);
    }

    /** Remembers a token that decrypted and passed every check for a request with {@code userAgent}. */
    void put(PresentedToken token, CsrfToken payload, String userAgent) {
        if (opened.size() >= MAX_SIZE) {
            opened.clear();
        }
        opened.put(token, new Opened(payload, userAgent));
    }

    /** How many tokens are cached now. */
    int size() {
        return opened.size();
    }
}
