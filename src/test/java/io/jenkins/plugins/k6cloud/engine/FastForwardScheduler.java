package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.engine.Scheduler.ThreadPoolScheduler;
import io.jenkins.plugins.k6cloud.testing.ManualClock;
import java.util.concurrent.Future;

/**
 * Real engine threads, virtual waiting: every task runs on the wrapped {@link ThreadPoolScheduler}
 * as soon as a thread is free, after moving the shared {@link ManualClock} to the task's due time.
 * Used where the thread behaviour matters but the minutes of a simulated run must not.
 */
public final class FastForwardScheduler implements Scheduler {
    private final ThreadPoolScheduler threads;
    private final ManualClock clock;

    public FastForwardScheduler(ThreadPoolScheduler threads, ManualClock clock) {
        this.threads = threads;
        this.clock = clock;
    }

    @Override
    public Future<?> schedule(Runnable task, long delayMillis) {
        long due = clock.millis() + Math.max(0, delayMillis);
        return threads.schedule(
                () -> {
                    clock.advanceTo(due);
                    task.run();
                },
                0);
    }

    @Override
    public void close() {
        threads.close();
    }
}
