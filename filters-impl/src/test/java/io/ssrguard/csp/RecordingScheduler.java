package io.ssrguard.csp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Records what is scheduled instead of running it; a test runs the tasks when it wants. */
final class RecordingScheduler extends ScheduledThreadPoolExecutor {

    private final List<Runnable> tasks = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();
    private final List<ScheduledFuture<?>> futures = new ArrayList<>();

    RecordingScheduler() {
        super(1);
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        tasks.add(command);
        delays.add(Duration.ofMillis(unit.toMillis(delay)));
        // A far-future no-op, so that cancel() and isCancelled() behave like the real thing.
        ScheduledFuture<?> future = super.schedule(() -> { }, 1, TimeUnit.DAYS);
        futures.add(future);
        return future;
    }

    synchronized int scheduled() {
        return tasks.size();
    }

    synchronized Duration lastDelay() {
        return delays.get(delays.size() - 1);
    }

    synchronized boolean lastCancelled() {
        return futures.get(futures.size() - 1).isCancelled();
    }

    /** Runs the most recently scheduled task on the calling thread. */
    void runLast() {
        Runnable task;
        synchronized (this) {
            task = tasks.get(tasks.size() - 1);
        }
        task.run();
    }
}
