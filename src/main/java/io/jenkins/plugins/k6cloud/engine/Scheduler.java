package io.jenkins.plugins.k6cloud.engine;

import java.util.concurrent.Future;

/**
 * Runs the engine's small ticks later, on a few shared threads. Every run the engine follows is a
 * chain of such ticks, so one scheduler serves any number of runs without a thread per run.
 */
public interface Scheduler extends AutoCloseable {

    /**
     * Runs {@code task} once, after {@code delayMillis} (0 or less: as soon as possible); {@code
     * cancel(false)} on the future calls it off if it has not started yet.
     *
     * @throws java.util.concurrent.RejectedExecutionException after {@link #close()}
     */
    Future<?> schedule(Runnable task, long delayMillis);

    /** Stops the scheduler's threads; tasks not yet run are dropped. */
    @Override
    void close();
}
