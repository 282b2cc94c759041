package io.ssrguard.auth;

import io.ssrguard.http.OriginResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A {@link CredentialCheck} behind the {@link SignInThrottle}: a locked-out user name or
 * address is refused with {@link TooManyAttemptsException} before the password is
 * checked, so the right password is refused too during a lockout and a guesser learns
 * nothing from it; every other attempt is checked and its outcome counted.
 */
public final class ThrottledCredentialCheck implements CredentialCheck {

    private final CredentialCheck delegate;
    private final SignInThrottle throttle;
    private final OriginResolver origins;
    private final Clock clock;

    public ThrottledCredentialCheck(CredentialCheck delegate, SignInThrottle throttle, OriginResolver origins,
                                    Clock clock) {
        this.delegate = delegate;
        this.throttle = throttle;
        this.origins = origins;
        this.clock = clock;
    }

    @Override
    public Optional<Caller> check(HttpServletRequest request, String username, String password) {
        String address = origins.clientAddress(request);
        Optional<Instant> locked = throttle.lockedUntil(username, address);
        if (locked.isPresent()) {
            throw new TooManyAttemptsException(Duration.between(clock.instant(), locked.get()),
                    "sign-in locked out for this user name or address until " + locked.get());
        }
        Optional<Caller> caller = delegate.check(request, username, password);
        if (caller.isPresent()) {
            throttle.succeeded(username);
        } else {
            throttle.failed(username, address);
        }
        return caller;
    }
}
