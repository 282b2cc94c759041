package io.ssrguard.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ssrguard.testing.MutableClock;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryProviderSessionsTest extends ProviderSessionsContractTest {

    final MutableClock clock = new MutableClock(NOW);

    @Override
    ProviderSessions open() {
        return new InMemoryProviderSessions(1000, clock);
    }

    @Test
    void fullOfLiveEntriesItDropsTheOldestSignIn() {
        InMemoryProviderSessions small = new InMemoryProviderSessions(2, clock);
        small.record(new ProviderSession("f1", "s1", "alice", null, NOW.plusSeconds(100)));
        small.record(new ProviderSession("f2", "s2", "alice", null, NOW.plusSeconds(200)));
        small.record(new ProviderSession("f3", "s3", "alice", null, NOW.plusSeconds(300)));
        assertEquals(List.of(), small.families("s1", null));
        assertEquals(List.of("f3"), small.families("s3", null));
    }

    @Test
    void fullWithExpiredEntriesItPurgesThemFirst() {
        InMemoryProviderSessions small = new InMemoryProviderSessions(2, clock);
        small.record(new ProviderSession("f1", "s1", "alice", null, NOW.plusSeconds(300)));
        small.record(new ProviderSession("f2", "s2", "alice", null, NOW.plusSeconds(10)));
        clock.set(NOW.plusSeconds(11));
        small.record(new ProviderSession("f3", "s3", "alice", null, NOW.plusSeconds(300)));
        assertEquals(List.of("f1"), small.families("s1", null), "the expired one went, not the oldest live one");
    }
}
