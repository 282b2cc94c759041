package io.ssrguard.refresh;

import static io.ssrguard.refresh.RefreshTokenFormat.hash;
import static io.ssrguard.refresh.RefreshTokenFormat.prefix;

import io.ssrguard.auth.Caller;
import io.ssrguard.refresh.RotationResult.Invalid;
import io.ssrguard.refresh.RotationResult.InvalidReason;
import io.ssrguard.refresh.RotationResult.Reused;
import io.ssrguard.refresh.RotationResult.Rotated;
import io.ssrguard.refresh.RotationResult.StoreUnavailable;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The container-free core of refresh-token rotation: issues a family at
 * sign-in, rotates presented tokens, detects reuse and signs out.
 *
 * <p>Rotation is one atomic step in the store ({@link RefreshTokenStore#rotate}):
 * a token gets exactly one successor, derived from it with the
 * {@link SuccessorKey}. Whoever presents the same token again within the grace
 * window (a second tab, an SSR server and the browser at once, the loser of a
 * race) gets that same successor, or its newest descendant if it has rotated
 * since: never a second successor, never the old token, never a used one. After
 * the grace window a used token is reuse, and the whole family is revoked.
 *
 * <p>Thread-safe; holds no state of its own.
 */
public final class RefreshTokenService {

    /** Lost races before giving up; one is the norm, since the winner's successor is then found. */
    static final int MAX_ATTEMPTS = 3;
    /** Rotations followed from a replayed token to the newest; a real chain within a grace window is short. */
    static final int MAX_HOPS = 16;
    /** Device labels are for people reading a session list; longer User-Agents are cut. */
    static final int MAX_DEVICE_LENGTH = 255;
    /** What the JDBC schema holds; checked here so that a long name is a clear error, not a 503. */
    static final int MAX_USER_LENGTH = 255;

    private static final Logger LOG = Logger.getLogger(RefreshTokenService.class.getName());

    private final RefreshTokenStore store;
    private final StoredRefreshFamilies families;
    private final RefreshEventPublisher events;
    private final RefreshSettings settings;
    private final SuccessorKey successors;
    private final Clock clock;
    private final SecureRandom random;

    public RefreshTokenService(RefreshTokenStore store, StoredRefreshFamilies families, RefreshEventPublisher events,
                               RefreshSettings settings, Clock clock, SecureRandom random) {
        this.store = store;
        this.families = families;
        this.events = events;
        this.settings = settings;
        this.successors = new SuccessorKey(settings.successorKey());
        this.clock = clock;
        this.random = random;
    }

    /**
     * Starts a family for a sign-in and issues its first token.
     *
     * @param caller     who signed in (name at most 255 characters)
     * @param rememberMe whether the sign-in is remembered (longer lifetime, persistent cookie)
     * @param device     a label of the device, usually the User-Agent; cut to 255 printable ASCII characters
     * @throws RefreshStoreUnavailableException when the store fails (answer 503)
     */
    public IssuedRefreshToken issue(Caller caller, boolean rememberMe, String device) {
        if (caller.name().length() > MAX_USER_LENGTH) {
            throw new IllegalArgumentException("user names longer than " + MAX_USER_LENGTH + " characters are not supported");
        }
        Instant now = now();
        String token = RefreshTokenFormat.generate(random);
        RefreshFamily family = new RefreshFamily(RefreshTokenFormat.familyId(random), caller.name(), caller.groups(),
                deviceLabel(device), rememberMe, now, now, now.plus(settings.familyLifetime(rememberMe)), null);
        RefreshTokenEntry first = RefreshTokenEntry.unused(hash(token), family.id(), now, tokenExpiry(family, now));
        store.create(family, first);
        events.publish(new RefreshFamilyStarted(family.id(), family.user(), family.device(), rememberMe, now));
        return new IssuedRefreshToken(token, family, first.expiresAt());
    }

    /**
     * Exchanges a presented token for its successor. Never throws for bad input or
     * a failing store: every outcome is a {@link RotationResult}.
     */
    public RotationResult rotate(String presented) {
        if (!RefreshTokenFormat.wellFormed(presented)) {
            return invalid(InvalidReason.MALFORMED, "(malformed)");
        }
        String hash = hash(presented);
        try {
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                Instant now = now();
                Optional<StoredRefreshToken> found = store.find(hash);
                if (found.isEmpty()) {
                    return invalid(InvalidReason.UNKNOWN, hash);
                }
                RefreshTokenEntry token = found.get().token();
                RefreshFamily family = found.get().family();
                Optional<InvalidReason> dead = deadFamily(family, now);
                if (dead.isPresent()) {
                    return invalid(dead.get(), hash);
                }
                if (token.used()) {
                    return withinGrace(token, now) ? replay(presented, token, now) : reuse(token, family, now);
                }
                if (!now.isBefore(token.expiresAt())) {
                    return invalid(InvalidReason.EXPIRED, hash);
                }
                String successor = successors.successorOf(presented);
                RefreshTokenEntry next = RefreshTokenEntry.unused(hash(successor), family.id(), now,
                        tokenExpiry(family, now));
                if (store.rotate(hash, next)) {
                    events.publish(new RefreshTokenRotated(family.id(), family.user(), false, now));
                    return new Rotated(new IssuedRefreshToken(successor, family.withLastUsedAt(now), next.expiresAt()),
                            false);
                }
                // A concurrent presentation won (or the family was just revoked): look again, and the
                // token is now used within the grace window, so this caller converges on the same successor.
            }
            LOG.warning(() -> "refresh token " + prefix(hash) + "... did not settle after " + MAX_ATTEMPTS + " attempts");
            return new StoreUnavailable("rotation did not settle after " + MAX_ATTEMPTS + " attempts");
        } catch (RefreshStoreUnavailableException e) {
            LOG.log(Level.WARNING, "refresh-token store unavailable while rotating " + prefix(hash) + "...", e);
            return new StoreUnavailable(e.getMessage());
        }
    }

    /**
     * Signs out with a presented refresh token: revokes its family, or with
     * {@code everywhere} every family of its user. Tokens that are malformed or
     * unknown revoke nothing.
     *
     * @return the families this call revoked
     * @throws RefreshStoreUnavailableException when the store fails
     */
    public List<RefreshFamily> signOut(String presented, boolean everywhere) {
        if (!RefreshTokenFormat.wellFormed(presented)) {
            return List.of();
        }
        Optional<StoredRefreshToken> found = store.find(hash(presented));
        if (found.isEmpty()) {
            return List.of();
        }
        RefreshFamily family = found.get().family();
        if (everywhere) {
            return families.revokeAll(family.user(), RevocationReason.SIGNED_OUT_EVERYWHERE);
        }
        return families.revoke(family.id(), RevocationReason.SIGNED_OUT).map(List::of).orElse(List.of());
    }

    /**
     * The family a presented token belongs to, used or not, revoked or not; empty for a
     * malformed or unknown token.
     *
     * @throws RefreshStoreUnavailableException when the store fails
     */
    public Optional<RefreshFamily> familyOf(String presented) {
        if (!RefreshTokenFormat.wellFormed(presented)) {
            return Optional.empty();
        }
        return store.find(hash(presented)).map(StoredRefreshToken::family);
    }

    /**
     * Hands a token presented again within the grace window the successor the
     * first presentation got, following the chain to its newest, unused end.
     * Successors are derived, so each step is recomputed and checked against the
     * stored hash; no plaintext is kept anywhere.
     */
    private RotationResult replay(String presented, RefreshTokenEntry usedToken, Instant now) {
        String current = presented;
        RefreshTokenEntry entry = usedToken;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            String next = successors.successorOf(current);
            String nextHash = hash(next);
            if (!nextHash.equals(entry.successorHash())) {
                String stored = entry.hash();
                LOG.severe(() -> "refresh token " + prefix(stored) + "... has a successor this node did not derive:"
                        + " the nodes do not share ssrguard.refresh.secret");
                return invalid(InvalidReason.SUCCESSOR_MISMATCH, usedToken.hash());
            }
            Optional<StoredRefreshToken> found = store.find(nextHash);
            if (found.isEmpty()) {
                return invalid(InvalidReason.UNKNOWN, usedToken.hash());
            }
            RefreshFamily family = found.get().family();
            Optional<InvalidReason> dead = deadFamily(family, now);
            if (dead.isPresent()) {
                return invalid(dead.get(), usedToken.hash());
            }
            RefreshTokenEntry successor = found.get().token();
            if (!successor.used()) {
                if (!now.isBefore(successor.expiresAt())) {
                    return invalid(InvalidReason.EXPIRED, usedToken.hash());
                }
                events.publish(new RefreshTokenRotated(family.id(), family.user(), true, now));
                return new Rotated(new IssuedRefreshToken(next, family, successor.expiresAt()), true);
            }
            current = next;
            entry = successor;
        }
        LOG.warning(() -> "refresh token " + prefix(usedToken.hash()) + "... starts a chain longer than " + MAX_HOPS);
        return invalid(InvalidReason.SUCCESSOR_MISMATCH, usedToken.hash());
    }

    private RotationResult reuse(RefreshTokenEntry token, RefreshFamily family, Instant now) {
        events.publish(new RefreshTokenReuseDetected(family.id(), family.user(), prefix(token.hash()), token.usedAt(), now));
        families.revoke(family.id(), RevocationReason.REUSE_DETECTED);
        return new Reused(family.id(), family.user());
    }

    private boolean withinGrace(RefreshTokenEntry token, Instant now) {
        return !now.isAfter(token.usedAt().plus(settings.graceWindow()));
    }

    private static Optional<InvalidReason> deadFamily(RefreshFamily family, Instant now) {
        if (family.revoked()) {
            return Optional.of(InvalidReason.REVOKED);
        }
        return now.isBefore(family.expiresAt()) ? Optional.empty() : Optional.of(InvalidReason.EXPIRED);
    }

    /** Idle timeout, but never past the family's absolute end. */
    private Instant tokenExpiry(RefreshFamily family, Instant now) {
        Instant idle = now.plus(settings.idleTimeout());
        return idle.isBefore(family.expiresAt()) ? idle : family.expiresAt();
    }

    private static Invalid invalid(InvalidReason reason, String hash) {
        LOG.fine(() -> "refresh token " + prefix(hash) + "... refused: " + reason);
        return new Invalid(reason);
    }

    private Instant now() {
        // Stores keep milliseconds; truncating here keeps every store's answers equal.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static String deviceLabel(String device) {
        if (device == null) {
            return "";
        }
        StringBuilder label = new StringBuilder(Math.min(device.length(), MAX_DEVICE_LENGTH));
        for (int i = 0; i < device.length() && label.length() < MAX_DEVICE_LENGTH; i++) {
            char c = device.charAt(i);
            // Printable ASCII only: the label is shown to users and stored in any database charset.
            label.append(c < 0x20 || c == 0x7f ? ' ' : c > 0x7e ? '?' : c);
        }
        return label.toString().strip();
    }
}
