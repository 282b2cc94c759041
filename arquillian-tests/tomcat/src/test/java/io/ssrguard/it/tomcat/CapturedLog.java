package io.ssrguard.it.tomcat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The log records of the embedded Tomcat, which runs in the test's JVM, while this is open:
 * each record's message and those of its causes (Tomcat logs a filter's failure with it).
 */
final class CapturedLog implements AutoCloseable {

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            messages.add(String.valueOf(record.getMessage()));
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                messages.add(String.valueOf(t.getMessage()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLog() {
    }

    /** Starts capturing on the root logger. */
    static CapturedLog start() {
        CapturedLog log = new CapturedLog();
        Logger.getLogger("").addHandler(log.handler);
        return log;
    }

    /** What was logged so far. */
    List<String> messages() {
        return List.copyOf(messages);
    }

    /** The first message that starts with {@code prefix}; fails the test, showing the log, when there is none. */
    String first(String prefix) {
        return messages.stream().filter(m -> m.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no log line starting '" + prefix + "'; the log said: " + messages));
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
    }
}
