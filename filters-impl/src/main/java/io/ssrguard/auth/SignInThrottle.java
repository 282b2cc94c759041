package io.ssrguard.auth;

import io.ssrguard.http.LogSafe;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Guessing protection of password sign-in: failures are counted per user name and per
 * client address; either one reaching its threshold locks it out, and a locked-out
 * attempt is refused before the password is looked at. A success forgets the user name's
 * failures, never the address's (an attacker's own account must not reset the count of
 * the address it guesses from). Each lockout is logged once and published.
 */
public final class SignInThrottle implements SignInLockouts {

    private static final Logger LOG = Logger.getLogger(SignInThrottle.class.getName());

    private final ThrottleSettings settings;
    private final FailureWindows accounts;
    private final FailureWindows addresses;
    private final Clock clock;
    private final Consumer<SignInLockedOut> events;

    public SignInThrottle(ThrottleSettings settings, Clock clock, Consumer<SignInLockedOut> events) {
        this.settings = settings;
        this.accounts = new FailureWindows(settings.accountFailures(), settings.window(), settings.lockout(),
                settings.maxEntries());
        this.addresses = new FailureWindows(settings.addressFailures(), settings.window(), settings.lockout(),
                settings.maxEntries());
        this.clock = clock;
        this.events = events;
    }

    /** Until when an attempt for this user name from this address is refused, if it is (the later of the two). */
    public Optional<Instant> lockedUntil(String username, String address) {
        Instant now = clock.instant();
        Optional<Instant> account = accounts.lockedUntil(account(username), now);
        Optional<Instant> from = addresses.lockedUntil(address(address), now);
        if (account.isPresent() && from.isPresent()) {
            return Optional.of(account.get().isAfter(from.get()) ? account.get() : from.get());
        }
        return account.isPresent() ? account : from;
    }

    /** Counts a failed sign-in; locks the user name or the address out when it reaches its threshold. */
    public void failed(String username, String address) {
        Instant now = clock.instant();
        String account = account(username);
        String from = address(address);
        accounts.fail(account, now).ifPresent(until ->
                lockedOut(new SignInLockedOut(SignInLockedOut.Kind.ACCOUNT, account, settings.accountFailures(), until),
                        " from " + from));
        addresses.fail(from, now).ifPresent(until ->
                lockedOut(new SignInLockedOut(SignInLockedOut.Kind.ADDRESS, from, settings.addressFailures(), until),
                        ", the last for user '" + LogSafe.printable(account, 64) + "'"));
    }

    /**
     * Counts a failed sign-in that names no user (a refused passkey): the address alone; locks it out
     * when it reaches its threshold.
     */
    public void failedFromAddress(String address) {
        String from = address(address);
        addresses.fail(from, clock.instant()).ifPresent(until ->
                lockedOut(new SignInLockedOut(SignInLockedOut.Kind.ADDRESS, from, settings.addressFailures(), until),
                        ", the last a passkey"));
    }

    /** A successful sign-in: the user name starts afresh. */
    public void succeeded(String username) {
        accounts.clear(account(username), clock.instant());
    }

    @Override
    public Optional<Instant> accountLockedUntil(String username) {
        return accounts.lockedUntil(account(username), clock.instant());
    }

    @Override
    public Optional<Instant> addressLockedUntil(String address) {
        return addresses.lockedUntil(address(address), clock.instant());
    }

    @Override
    public boolean clearAccount(String username) {
        String account = account(username);
        return lift(accounts, account, "user '" + LogSafe.printable(account, 64) + "'");
    }

    @Override
    public boolean clearAddress(String address) {
        String from = address(address);
        return lift(addresses, from, "address " + LogSafe.printable(from, 64));
    }

    private boolean lift(FailureWindows windows, String key, String what) {
        boolean was = windows.clear(key, clock.instant());
        LOG.info(() -> "SSR Guard security event: sign-in lockout of " + what + " lifted by the application"
                + (was ? "" : " (it was not locked out)"));
        return was;
    }

    private void lockedOut(SignInLockedOut event, String context) {
        LOG.warning(() -> "SSR Guard security event: sign-in locked out for "
                + (event.kind() == SignInLockedOut.Kind.ACCOUNT
                        ? "user '" + LogSafe.printable(event.subject(), 64) + "'"
                        : "address " + LogSafe.printable(event.subject(), 64))
                + " until " + event.until() + " after " + event.failures() + " failed sign-ins" + context);
        events.accept(event);
    }

    /** User names are compared without case: an identity store that ignores case must not multiply the guesses. */
    private static String account(String username) {
        return FailureWindows.key(username).toLowerCase(Locale.ROOT);
    }

    private static String address(String address) {
        return FailureWindows.key(address);
    }
}
