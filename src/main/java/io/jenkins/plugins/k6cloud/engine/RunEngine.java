package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import java.time.Clock;
import java.util.Objects;

/**
 * Starts k6 Cloud runs and follows them to a verdict. Any number of runs share one small
 * {@link Scheduler}: each run is a state machine advanced one poll at a time, never a thread of
 * its own. No Jenkins imports; the Jenkins glue, the command-line runner and the tests all drive it
 * the same way.
 */
public final class RunEngine implements AutoCloseable {
    private final Scheduler scheduler;
    private final Clock clock;

    public RunEngine(Scheduler scheduler, Clock clock) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** An engine on {@code threads} named daemon threads ({@code PREFIX-1}, ...) and the system clock. */
    public static RunEngine withThreads(String threadNamePrefix, int threads) {
        return new RunEngine(new ThreadPoolScheduler(threadNamePrefix, threads), Clock.systemUTC());
    }

    /** Starts a run of load test {@code testId} and follows it as {@code settings} say. Returns at once. */
    public RunHandle start(long testId, RunSettings settings, K6CloudClient client, RunListener listener) {
        if (testId <= 0) {
            throw new IllegalArgumentException("A k6 Cloud load test id is a positive number, not " + testId);
        }
        return RunWatch.starting(scheduler, clock, Objects.requireNonNull(client, "client"), listener, testId,
                Objects.requireNonNull(settings, "settings"));
    }

    /**
     * Follows a run again after a restart, from its persisted state; never starts a second run. When
     * the state has a run id, the engine re-attaches to it in the saved phase (a cancel that was
     * requested is carried out; deadlines count from the saved moments). When it has none (the
     * restart interrupted the start request), the engine looks for a run of the test created since
     * the watch began and adopts the earliest one (stopping it if a cancel was requested); when
     * there is none it reports that no run was started rather than start one.
     */
    public RunHandle resume(WatchState state, K6CloudClient client, RunListener listener) {
        return RunWatch.resuming(scheduler, clock, Objects.requireNonNull(client, "client"), listener,
                Objects.requireNonNull(state, "state"));
    }

    /** Stops the scheduler's threads. Runs still followed are not stopped: {@link #resume} picks them up. */
    @Override
    public void close() {
        scheduler.close();
    }
}
