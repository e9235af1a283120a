package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.TestRun;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * One followed run: a small state machine advanced one step (one or two HTTP calls) at a time on
 * the engine's scheduler, by phase ({@link StartSteps}, {@link PollSteps}, {@link StopSteps}).
 * {@link #cancel} only sets a flag and wakes the machine; a second cancel reports at once when a
 * stop went out or a run is looked for ({@link AdoptSteps}). Once closing, steps end without a verdict.
 */
final class RunWatch implements RunHandle {
    private final WatchContext c;
    private final OnEngineClose onClose;
    private final StopSteps stop;
    private final PollSteps poll;
    private final StartSteps start;
    private final StepLoop loop;
    private final Object cancelLock = new Object();

    private RunWatch(Scheduler scheduler, WatchContext context, RunAdoption adoption, OnEngineClose onClose) {
        this.c = context;
        this.onClose = onClose;
        this.stop = new StopSteps(c);
        this.poll = new PollSteps(c, stop);
        this.start = new StartSteps(c, poll, stop, adoption);
        this.loop = new StepLoop(scheduler, c.clock, this::step);
        c.engine.added(this);
        c.reporter.outcome().whenComplete((o, e) -> c.engine.done(this, c.runId));
    }

    static RunWatch starting(
            Scheduler scheduler,
            Clock clock,
            K6CloudClient client,
            RunListener listener,
            long testId,
            RunSettings settings,
            EngineWatches engine,
            OnEngineClose onClose) {
        WatchContext c =
                new WatchContext(clock, client, settings, testId, clock.millis(), new RunReporter(listener), engine);
        RunWatch w = new RunWatch(scheduler, c, null, onClose);
        if (onClose == OnEngineClose.CANCEL && engine.draining()) {
            // checked once the watch is registered: a cancelUnresumable that began earlier may not see it
            c.complete(VerdictRules.cancelled("no run was started: Jenkins is shutting down."), List.of());
            return w;
        }
        w.loop.schedule(0);
        return w;
    }

    static RunWatch resuming(
            Scheduler scheduler,
            Clock clock,
            K6CloudClient client,
            RunListener listener,
            WatchState s,
            EngineWatches engine) {
        WatchContext c = new WatchContext(
                clock, client, s.settings(), s.testId(), s.watchStartedAtMillis(), new RunReporter(listener), engine);
        RunWatch w = new RunWatch(
                scheduler,
                c,
                s.runId() == null && !s.startNotSent() ? RunAdoption.afterRestart(c.client, s, engine) : null,
                OnEngineClose.RESUME);
        if (s.runId() != null) {
            engine.follow(s.runId());
        }
        WatchRestore.restore(c, s, w.stop);
        w.loop.schedule(0);
        return w;
    }

    /** Whether {@link RunEngine#cancelUnresumable} cancels this watch. */
    boolean cancelsOnClose() {
        return onClose == OnEngineClose.CANCEL;
    }

    /**
     * The engine closed before this watch, which cannot be resumed, had an outcome: completes it as
     * CANCELLED, so that a caller waiting for it (a freestyle executor) returns.
     */
    void closedUnresumable() {
        Long id = c.runId;
        String detail;
        if (id == null) {
            detail = "the stop was not confirmed: no run was known yet. Check the runs of load test " + c.testId
                    + " in the k6 web app: " + c.settings.webAppUrl();
        } else if (c.stopSent || c.runEnded) {
            detail = "the stop of k6 Cloud run " + id + " was sent.";
        } else {
            detail = "the stop of k6 Cloud run " + id + " was not confirmed: check it in the k6 web app: " + c.webUrl;
        }
        c.complete(new Judgement(Verdict.CANCELLED, "Jenkins shut down; " + detail), List.of());
    }

    /** Completes when k6 Cloud accepted a stop of the run, or the outcome is known. */
    CompletableFuture<Object> stopSettled() {
        return CompletableFuture.anyOf(c.reporter.outcome(), c.stopAccepted);
    }

    @Override
    public CompletableFuture<RunOutcome> outcome() {
        return c.reporter.outcome();
    }

    @Override
    public void cancel(String reason) {
        boolean reportNow;
        synchronized (cancelLock) {
            if (c.reporter.isDone()) {
                return;
            }
            if (!c.cancelRequested) {
                c.cancelRequestedAt = c.now();
                c.cancelReason = reason == null || reason.isBlank() ? "the build was aborted" : reason;
                c.cancelRequested = true;
                reportNow = false;
            } else {
                c.abandonRequested = true;
                reportNow = c.stopAttempted || c.runEnded || c.lookingFor != null;
            }
        }
        if (reportNow) {
            c.report(VerdictRules.cancelled(stop.abandonedDetail()));
        }
        loop.wake();
    }

    @Override
    public WatchState state() {
        return c.state();
    }

    @Override
    public String status() {
        Long id = c.runId;
        if (c.reporter.isDone()) {
            RunOutcome o = c.reporter.outcome().getNow(null);
            return (id == null ? "test " + c.testId : "run " + id) + " done"
                    + (o == null
                            ? ""
                            : ": " + o.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        if (id == null) {
            return "starting a run of test " + c.testId;
        }
        String next = "next poll in " + ConsoleText.seconds(loop.nextStepAt() - c.now());
        TestRun r = c.lastRun;
        String status = r == null ? "started" : ConsoleText.statusText(r).toLowerCase(Locale.ROOT);
        switch (c.phase) {
            case PROCESSING:
                return "run " + id + " ended, waiting for k6 Cloud to process its results, " + next;
            case STOPPING:
                return "run " + id + " stopping, " + next;
            case CANCELLING:
                return "run " + id + " " + status + ", cancelling, " + next;
            default:
                return "run " + id + " " + status + ", " + next;
        }
    }

    private long step() {
        if (c.closing()) {
            return StepLoop.DONE; // resumed after the restart, from the persisted state
        }
        try {
            return advance();
        } catch (Throwable e) {
            return c.closing() ? StepLoop.DONE : StepFailure.report(c, stop, e);
        }
    }

    private long advance() {
        if (c.reporter.isDone() && !c.workLeftAfterReport()) {
            return StepLoop.DONE; // a second cancel reported already, and no stop or look is left to finish
        }
        if (c.cancelRequested && c.phase != WatchPhase.STARTING && c.phase != WatchPhase.CANCELLING) {
            if (c.runEnded || c.phase == WatchPhase.PROCESSING) {
                return c.report(VerdictRules.cancelled("k6 Cloud run " + c.runId + " had already ended as "
                        + WatchContext.endedLabel(c.lastRun) + "."));
            }
            c.phase = WatchPhase.CANCELLING;
            c.changed();
        }
        switch (c.phase) {
            case STARTING:
                return start.step();
            case WATCHING:
                return poll.watch();
            case PROCESSING:
                return poll.awaitProcessing();
            case STOPPING:
                return stop.stopThenReport();
            case CANCELLING:
                return stop.cancelling();
            default:
                return StepLoop.DONE;
        }
    }
}
