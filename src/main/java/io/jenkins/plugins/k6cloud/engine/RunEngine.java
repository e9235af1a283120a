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
 * Starts k6 Cloud runs and follows them to a verdict, each a {@link RunWatch} advanced a tick at a time on
 * one small shared {@link Scheduler}. It also knows its watches not yet done and the run ids they follow,
 * so that no watch adopts a run another one follows. A graceful shutdown is {@link #cancelUnresumable} and
 * then {@link #close}: the runs whose callers cannot resume them are stopped, the others left going.
 */
public final class RunEngine implements AutoCloseable {
    final Scheduler scheduler;
    final Clock clock;
    private volatile boolean closing;
    private volatile boolean draining;
    private final Set<Long> followedRunIds = ConcurrentHashMap.newKeySet();
    private final Set<RunWatch> active = ConcurrentHashMap.newKeySet();

    /** What {@link RunEngine#cancelUnresumable} does with a run. */
    public enum OnEngineClose {
        /** Leave it going: the caller saved its {@link WatchState} and resumes it after the restart. */
        RESUME,
        /** Stop it: the caller (a freestyle build) cannot resume it. */
        CANCEL
    }

    public RunEngine(Scheduler scheduler, Clock clock) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** An engine on {@code threads} named daemon threads ({@code PREFIX-1}, ...) and the system clock. */
    public static RunEngine withThreads(String threadNamePrefix, int threads) {
        return new RunEngine(new ThreadPoolScheduler(threadNamePrefix, threads), Clock.systemUTC());
    }

    /** Starts a run of {@code testId} and follows it; returns at once. Left going when the engine closes. */
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

    /**
     * Follows a run again after a restart, from its saved state, in its saved phase (see
     * {@code RunWatch.resume}); never starts a second run: without a run id, the run a start in flight may
     * have created is looked for ({@link RunAdoption}), unless no start had been sent. Left going on close.
     */
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
     * Cancels every run started with {@link OnEngineClose#CANCEL} that has no outcome (from now on such a
     * start is cancelled at once) and waits, at most {@code bound}, until k6 Cloud accepted each stop or the
     * outcome is known. Call it before {@link #close()}.
     *
     * @return whether every such stop was accepted (or outcome known) within {@code bound}
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

    /**
     * Stops following every run and stops the scheduler's threads, sending nothing more to k6 Cloud: the
     * outcomes of resumable runs never complete (resume them from their last saved state); those of runs
     * started with {@link OnEngineClose#CANCEL} complete as CANCELLED, so that their callers return.
     */
    @Override
    public void close() {
        closing = true; // before the shutdown interrupts the calls in flight
        scheduler.close();
        List.copyOf(active).stream().filter(RunWatch::cancelsOnClose).forEach(RunWatch::closedUnresumable);
        active.clear();
        followedRunIds.clear();
    }

    /** Whether {@link #close} has begun: nothing is started or followed any more. */
    public boolean isClosed() {
        return closing;
    }

    boolean draining() {
        return draining;
    }

    /** A call to k6 Cloud. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws K6CloudException;
    }

    /**
     * Makes {@code call} unless the engine is closing; then, and when a call fails meanwhile (interrupted by
     * the shutdown), throws {@link ClosingException}, so that no tick turns the shutdown into a verdict or a stop.
     */
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

    /** Thrown by {@link #call} once the engine is closing: the tick ends without a verdict. */
    static final class ClosingException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ClosingException() {
            super("the k6 Cloud engine is closing", null, false, false);
        }
    }
}
