package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.engine.Scheduler.ThreadPoolScheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts k6 Cloud runs and follows them to a verdict. Any number of runs share one small
 * {@link Scheduler}: each run is a state machine advanced one poll at a time, never a thread of
 * its own. No Jenkins imports; the Jenkins glue, the command-line runner and the tests all drive it
 * the same way.
 *
 * <p>A graceful shutdown (e.g. of the Jenkins controller) is {@link #cancelUnresumable} and then
 * {@link #close}: the runs whose callers cannot resume them ({@link OnEngineClose#CANCEL}) are
 * stopped, the others are left going for {@link #resume} after the restart.
 */
public final class RunEngine implements AutoCloseable {
    private final Scheduler scheduler;
    private final Clock clock;
    private final EngineWatches watches = new EngineWatches();

    /** What {@link RunEngine#cancelUnresumable} does with a run when the engine shuts down. */
    public enum OnEngineClose {
        /** Leave the run going: the caller persisted its {@link WatchState} and resumes it after the restart. */
        RESUME,
        /** Cancel it (stop the run): the caller cannot resume it, e.g. a freestyle build. */
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

    /**
     * Starts a run of load test {@code testId} and follows it as {@code settings} say. Returns at once.
     * The run is left going when the engine closes ({@link OnEngineClose#RESUME}).
     */
    public RunWatch start(long testId, RunSettings settings, K6CloudClient client, RunEvents listener) {
        return start(testId, settings, client, listener, OnEngineClose.RESUME);
    }

    /**
     * Starts a run as {@link #start(long, RunSettings, K6CloudClient, RunEvents)} does; {@code onClose}
     * says whether {@link #cancelUnresumable} stops it ({@link OnEngineClose#CANCEL}: a caller, such as
     * a freestyle build, that cannot resume it after a restart).
     */
    public RunWatch start(
            long testId, RunSettings settings, K6CloudClient client, RunEvents listener, OnEngineClose onClose) {
        if (testId <= 0) {
            throw new IllegalArgumentException("A k6 Cloud load test id is a positive number, not " + testId);
        }
        RunWatch w = watch(
                testId,
                Objects.requireNonNull(settings, "settings"),
                clock.millis(),
                client,
                listener,
                Objects.requireNonNull(onClose, "onClose"));
        w.begin();
        return w;
    }

    /**
     * Follows a run again after a restart, from its persisted state; never starts a second run. When
     * the state has a run id, the engine re-attaches to it in the saved phase (a cancel that was
     * requested is carried out; deadlines count from the saved moments; a stop for our timeout or an
     * error keeps its verdict). When it has none (the restart interrupted the start request), the
     * engine adopts the run that request may have created (see {@code RunAdoption}: the earliest
     * created from its send time until 3 min after, else the latest created up to 30 s before it;
     * never one another run of this engine follows) (stopping it if a cancel was
     * requested); when there is none it reports that no run was started rather than start one. When the state
     * says no start had been sent yet ({@link WatchState#startNotSent}), the run is started now. A
     * resumed run is left going when the engine closes ({@link OnEngineClose#RESUME}).
     */
    public RunWatch resume(WatchState state, K6CloudClient client, RunEvents listener) {
        Objects.requireNonNull(state, "state");
        RunWatch w = watch(
                state.testId(), state.settings(), state.watchStartedAtMillis(), client, listener, OnEngineClose.RESUME);
        w.resume(state);
        return w;
    }

    private RunWatch watch(
            long testId,
            RunSettings settings,
            long startedAt,
            K6CloudClient client,
            RunEvents listener,
            OnEngineClose onClose) {
        return new RunWatch(
                scheduler,
                clock,
                Objects.requireNonNull(client, "client"),
                listener,
                testId,
                settings,
                startedAt,
                watches,
                onClose);
    }

    /**
     * Cancels every run started with {@link OnEngineClose#CANCEL} that has no outcome yet (as
     * {@link RunWatch#cancel} does; from now on, such a start is cancelled at once and reports
     * "no run was started: Jenkins is shutting down") and waits, at most {@code bound}, until k6 Cloud accepted each
     * stop or the run's outcome is known. Runs started with {@link OnEngineClose#RESUME} and resumed
     * runs are left alone. Call it before {@link #close()}; their outcomes may complete only after it
     * returns, or not at all once the engine is closed.
     *
     * @return whether every such stop was accepted (or outcome known) within {@code bound}
     */
    public boolean cancelUnresumable(String reason, Duration bound) {
        watches.startDraining(); // first: a watch started from now on is checked when it registers
        List<CompletableFuture<Object>> settled = new ArrayList<>();
        for (RunWatch w : watches.active()) {
            if (w.cancelsOnClose()) {
                w.cancel(reason);
                settled.add(w.stopSettled());
            }
        }
        try {
            CompletableFuture.allOf(settled.toArray(new CompletableFuture<?>[0]))
                    .get(Math.max(0, bound.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Stops following every run and stops the scheduler's threads. Nothing is sent to k6 Cloud any
     * more (no stop): a tick that was in the middle of an HTTP call (which the shutdown interrupts)
     * ends without a verdict, and the outcomes of resumable runs still followed never complete;
     * their runs are left going for {@link #resume} after the restart, from the last persisted
     * {@link WatchState}. The outcomes of runs started with {@link OnEngineClose#CANCEL} that have
     * none yet complete as CANCELLED ("Jenkins shut down; the stop was sent", or "not confirmed"),
     * so that their callers return. To stop those runs, call {@link #cancelUnresumable} first.
     */
    @Override
    public void close() {
        watches.startClosing(); // before the shutdown interrupts the calls in flight
        scheduler.close();
        for (RunWatch w : watches.active()) {
            if (w.cancelsOnClose()) {
                w.closedUnresumable();
            }
        }
        watches.clear();
    }

    /** Whether {@link #close} has begun: nothing is started or followed any more. */
    public boolean isClosed() {
        return watches.closing();
    }
}
