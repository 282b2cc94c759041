package io.ssrguard.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.testing.LoggedRecords;
import io.ssrguard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The node's poll of the store's log of ended families, on a store whose log the test writes. */
class EndedFamiliesPollerTest {

    static final Instant START = Instant.parse("2026-12-04T12:00:00Z");
    static final Duration SKEW = Duration.ofSeconds(30);
    static final Duration RETENTION = EndedFamilies.retention(Duration.ofMinutes(15), SKEW);

    final MutableClock clock = new MutableClock(START);
    final LogStore store = new LogStore();
    final EndedFamilies ended = new EndedFamilies(RETENTION);
    LoggedRecords logged;

    @BeforeEach
    void listen() {
        logged = LoggedRecords.of(EndedFamiliesPoller.class);
    }

    @AfterEach
    void stopListening() {
        logged.close();
    }

    @Test
    void firstPollLoadsEverythingStillWithinTheRetention() {
        store.log.add(new EndedFamily("old", START.minus(RETENTION).minusSeconds(1)));
        store.log.add(new EndedFamily("recent", START.minus(RETENTION).plusSeconds(1)));
        EndedFamiliesPoller poller = new EndedFamiliesPoller(store, ended, clock, SKEW);

        poller.run();

        assertEquals(START.minus(RETENTION), store.lastSince);
        assertTrue(ended.contains("recent"), "a node started late still refuses a family ended before it came up");
        assertFalse(ended.contains("old"), "its tokens have all expired");
    }

    @Test
    void laterPollsLookBackPastTheLastOneForLateCommitsAndSlowClocks() {
        EndedFamiliesPoller poller = new EndedFamiliesPoller(store, ended, clock, SKEW);
        poller.run();
        clock.advance(Duration.ofSeconds(1));
        // Committed after the first poll, but stamped earlier by a node whose clock is behind.
        store.log.add(new EndedFamily("late", START.minusSeconds(20)));

        poller.run();

        assertEquals(START.minus(SKEW).minus(EndedFamiliesPoller.COMMIT_MARGIN), store.lastSince);
        assertTrue(ended.contains("late"));
    }

    @Test
    void entriesAreDroppedOnceTheirAccessTokensHaveExpired() {
        store.log.add(new EndedFamily("f", START));
        EndedFamiliesPoller poller = new EndedFamiliesPoller(store, ended, clock, SKEW);
        poller.run();
        clock.set(START.plus(RETENTION).minusMillis(1));
        poller.run();
        assertTrue(ended.contains("f"));

        clock.set(START.plus(RETENTION));
        poller.run();

        assertFalse(ended.contains("f"));
        assertEquals(0, ended.size());
    }

    @Test
    void anOutageKeepsWhatIsKnownLogsOnceAndLosesNothing() {
        store.log.add(new EndedFamily("before", START));
        EndedFamiliesPoller poller = new EndedFamiliesPoller(store, ended, clock, SKEW);
        poller.run();
        Instant lastGood = clock.instant();

        store.down = true;
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            poller.run();
        }
        assertTrue(ended.contains("before"), "nothing known is opened");
        assertEquals(1, logged.records().stream().filter(r -> r.getLevel() == Level.WARNING).count(), "logged once");

        store.log.add(new EndedFamily("during", START.plusSeconds(2)));
        store.down = false;
        clock.advance(Duration.ofSeconds(1));
        poller.run();

        assertEquals(lastGood.minus(SKEW).minus(EndedFamiliesPoller.COMMIT_MARGIN), store.lastSince,
                "reads again from the last successful poll");
        assertTrue(ended.contains("during"));
        assertEquals(1, logged.records().stream().filter(r -> r.getLevel() == Level.INFO).count(), "recovery logged once");
    }

    /** A store whose only part in use is its log; the rest of the SPI is not what this test is about. */
    static final class LogStore implements RefreshTokenStore {
        final List<EndedFamily> log = new ArrayList<>();
        boolean down;
        Instant lastSince;

        @Override
        public List<EndedFamily> endedSince(Instant since) {
            if (down) {
                throw new RefreshStoreUnavailableException("store down", null);
            }
            lastSince = since;
            return log.stream().filter(f -> !f.endedAt().isBefore(since)).toList();
        }

        @Override
        public void create(RefreshFamily family, RefreshTokenEntry first) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<StoredRefreshToken> find(String tokenHash) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean rotate(String presentedHash, RefreshTokenEntry successor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<RefreshFamily> revokeFamily(String familyId, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<RefreshFamily> revokeUser(String user, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<RefreshFamily> activeFamilies(String user, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int purge(Instant now) {
            throw new UnsupportedOperationException();
        }
    }
}
