package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.engine.Scheduler.ThreadPoolScheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts runs and follows them, each a {@link RunWatch} on one small shared {@link Scheduler}; knows the run ids its
 * watches follow, so that none adopts another's. A graceful shutdown is {@link #cancelUnresumable}, then {@link #close}.
 */
public final class RunEngine implements AutoCloseable {
    final Scheduler scheduler;
    final Clock clock;
    private volatile boolean closing;
    private volatile boolean draining;
    private final Set<Long> followedRunIds = ConcurrentHashMap.newKeySet();
    private final Set<RunWatch> active = ConcurrentHashMap.newKeySet();

    public enum OnEngineClose {
        /** Left going: the caller saved its {@link WatchState} and resumes it after the restart. */
        RESUME,
        /** Stopped: the caller (a freestyle build) cannot resume it. */
        CANCEL
    }

    public RunEngine(Scheduler scheduler, Clock clock) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static RunEngine withThreads(String threadNamePrefix, int threads) {
        return new RunEngine(new ThreadPoolScheduler(threadNamePrefix, threads), Clock.systemUTC());
    }

    public RunWatch start(long testId, RunSettings settings, K6CloudClient client, RunEvents listener) {
        return start(testId, settings, client, listener, OnEngineClose.RESUME);
    }

    public RunWatch start(
            long testId, RunSettings settings, K6CloudClient client, RunEvents listener, OnEngineClose onClose) {
        if (testId <= 0) {
            throw new IllegalArgumentException("A k6 Cloud load test id is a positive number, not " + testId);
        }
        RunWatch w = new RunWatch(this, client, listener, testId, settings, clock.millis(), onClose);
        w.begin();
        return w;
    }

    /** Follows a run again after a restart, in its saved phase; never starts a second run. */
    public RunWatch resume(WatchState state, K6CloudClient client, RunEvents listener) {
        RunWatch w = new RunWatch(
                this,
                client,
                listener,
                state.testId(),
                state.settings(),
                state.watchStartedAtMillis(),
                OnEngineClose.RESUME);
        w.resume(state);
        return w;
    }

    /**
     * Cancels every {@link OnEngineClose#CANCEL} run (and each such start from now on); returns whether each stop
     * was accepted, or its outcome known, within {@code bound}.
     */
    public boolean cancelUnresumable(String reason, Duration bound) {
        draining = true; // first: a watch started from now on is checked when it registers
        CompletableFuture<?>[] settled = active.stream()
                .filter(RunWatch::cancelsOnClose)
                .map(w -> {
                    w.cancel(reason);
                    return w.stopSettled();
                })
                .toArray(CompletableFuture<?>[]::new);
        try {
            CompletableFuture.allOf(settled).get(Math.max(0, bound.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sends nothing more: resumable outcomes never complete, {@link OnEngineClose#CANCEL} ones as CANCELLED. */
    @Override
    public void close() {
        closing = true; // before the shutdown interrupts the calls in flight
        scheduler.close();
        List.copyOf(active).stream().filter(RunWatch::cancelsOnClose).forEach(RunWatch::closedUnresumable);
        active.clear();
        followedRunIds.clear();
    }

    public boolean isClosed() {
        return closing;
    }

    boolean draining() {
        return draining;
    }

    @FunctionalInterface
    interface Call<T> {
        T run() throws K6CloudException;
    }

    /** Throws {@link ClosingException} once closing, so that no tick turns the shutdown into a verdict or a stop. */
    <T> T call(Call<T> call) throws K6CloudException {
        if (closing) {
            throw new ClosingException();
        }
        try {
            return call.run();
        } catch (K6CloudException e) {
            if (closing) {
                throw new ClosingException();
            }
            throw e;
        }
    }

    /** Marks {@code runId} as followed; {@code false} when a watch of this engine follows it already. */
    boolean follow(long runId) {
        return followedRunIds.add(runId);
    }

    void unfollow(long runId) {
        followedRunIds.remove(runId);
    }

    void added(RunWatch watch) {
        active.add(watch);
    }

    void done(RunWatch watch, Long runId) {
        active.remove(watch);
        if (runId != null) {
            followedRunIds.remove(runId);
        }
    }

    static final class ClosingException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ClosingException() {
            super("the k6 Cloud engine is closing", null, false, false);
        }
    }
}
