package io.ssrguard.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.testing.LoggedRecords;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class RefreshEventPublisherTest {

    static final String FAMILY = "AW4-VxRG4NMgOQp_TtSiUA";
    static final Instant AT = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void logLinesShowAFamilyPrefixNeverTheWholeId() {
        Logger logger = Logger.getLogger(RefreshEventPublisher.class.getName());
        List<String> lines;
        Level level = logger.getLevel();
        logger.setLevel(Level.ALL);
        try (LoggedRecords log = LoggedRecords.of(RefreshEventPublisher.class)) {
            RefreshEventPublisher publisher = new RefreshEventPublisher(e -> { });
            publisher.publish(new RefreshFamilyStarted(FAMILY, "alice", "laptop", false, AT));
            publisher.publish(new RefreshTokenRotated(FAMILY, "alice", false, AT));
            publisher.publish(new RefreshTokenReuseDetected(FAMILY, "alice", "3q2+7w", AT, AT.plusSeconds(60)));
            publisher.publish(new RefreshFamilyRevoked(FAMILY, "alice", RevocationReason.REUSE_DETECTED, AT));
            lines = log.messages();
        } finally {
            logger.setLevel(level);
        }
        assertEquals(4, lines.size(), lines.toString());
        for (String line : lines) {
            assertFalse(line.contains(FAMILY), line);
            assertTrue(line.contains("AW4-VxRG…"), line);
        }
    }
}
