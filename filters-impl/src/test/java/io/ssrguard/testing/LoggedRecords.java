package io.ssrguard.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The records one logger publishes while this is open, from any thread (the pack logs from
 * background tasks too); close it in a try-with-resources so that the handler never outlives the test.
 */
public final class LoggedRecords implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LoggedRecords(Logger logger) {
        this.logger = logger;
    }

    /** Starts capturing what the logger of {@code source} (its class name, as the pack names loggers) publishes. */
    public static LoggedRecords of(Class<?> source) {
        LoggedRecords captured = new LoggedRecords(Logger.getLogger(source.getName()));
        captured.logger.addHandler(captured.handler);
        return captured;
    }

    /** What was published so far. */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The raw messages (format strings, parameters not filled in) published so far. */
    public List<String> messages() {
        return records.stream().map(LogRecord::getMessage).toList();
    }

    /** Forgets what was published so far, for a test that checks several steps one at a time. */
    public void clear() {
        records.clear();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
