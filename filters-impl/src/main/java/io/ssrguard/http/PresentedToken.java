package io.ssrguard.http;

/**
 * A token string as a map key for a cache of tokens that already passed a
 * cryptographic check (a signature, an AES-GCM tag): equal only to the very
 * same characters, compared in full and in constant time, and hashed cheaply.
 *
 * <p><b>Why the token itself and not a digest of it.</b> A hit must mean "these
 * exact bytes were verified before"; comparing the whole string gives that with
 * no collision at all, where a digest gives it up to the digest's collision
 * resistance, for the price of hashing every token on every request (SHA-256 of
 * a 400-character JWT costs more than the rest of a cached check). What an
 * attacker controls is the presented string only: entries exist only for strings
 * that passed the cryptographic check, so a forged or tampered token (say, a
 * copied signature under another payload) differs in some character, finds no
 * equal key, and goes through the full check.
 *
 * <p><b>Hash.</b> Over the last {@value #HASHED_TAIL} characters at most: for a
 * JWT that is (part of) the signature and for a sealed token the GCM tag, both
 * unpredictable without the key, so genuine entries spread evenly. A presented
 * string can be crafted to land in any bucket, but that only makes it compare
 * against the few genuine entries there; it cannot add entries, so buckets cannot
 * be flooded. (Not {@link Comparable} on purpose: an ordering would compare
 * characters in variable time.)
 *
 * <p><b>Timing.</b> {@link #equals} takes time that depends on the lengths only
 * (not secret), never on where two strings first differ, so probing a bucket
 * with guesses tells nothing about the genuine token in it.
 */
public final class PresentedToken {

    /** Characters of the token's end that feed the hash. */
    static final int HASHED_TAIL = 32;

    private final String token;
    private final int hash;

    public PresentedToken(String token) {
        this.token = token;
        int h = 0;
        for (int i = Math.max(0, token.length() - HASHED_TAIL); i < token.length(); i++) {
            h = 31 * h + token.charAt(i);
        }
        this.hash = h ^ token.length();
    }

    /** Equal strings in time that depends only on the lengths, which are not secret. */
    public static boolean constantTimeEquals(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        int diff = 0;
        for (int i = 0; i < a.length(); i++) {
            diff |= a.charAt(i) ^ b.charAt(i);
        }
        return diff == 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PresentedToken t && hash == t.hash && constantTimeEquals(token, t.token);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Never the token: a key may end up in a log line or a heap histogram's sample. */
    @Override
    public String toString() {
        return "PresentedToken[" + token.length() + " chars]";
    }
}
