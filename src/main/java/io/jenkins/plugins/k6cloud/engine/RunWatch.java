package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.TestRun;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One followed run: a small state machine advanced one step (one or two HTTP calls) at a time on
 * the engine's scheduler, by phase ({@link StartSteps}, {@link PollSteps}, {@link StopSteps}).
 * {@link #cancel} only sets a flag and wakes the machine, except that a second cancel reports at
 * once when a stop request has gone out.
 */
final class RunWatch implements RunHandle {
    private static final Logger LOGGER = Logger.getLogger(RunWatch.class.getName());

    private final WatchContext c;
    private final StopSteps stop;
    private final PollSteps poll;
    private final StartSteps start;
    private final StepLoop loop;
    private final Object cancelLock = new Object();

    private RunWatch(Scheduler scheduler, WatchContext context, RunAdoption adoption) {
        this.c = context;
        this.stop = new StopSteps(c);
        this.poll = new PollSteps(c, stop);
        this.start = new StartSteps(c, poll, stop, adoption);
        this.loop = new StepLoop(scheduler, c.clock, this::step);
    }

    static RunWatch starting(Scheduler scheduler, Clock clock, K6CloudClient client, RunListener listener,
            long testId, RunSettings settings) {
        WatchContext c = new WatchContext(clock, client, settings, testId, clock.millis(), new RunReporter(listener));
        RunWatch w = new RunWatch(scheduler, c, null);
        w.loop.schedule(0);
        return w;
    }

    static RunWatch resuming(Scheduler scheduler, Clock clock, K6CloudClient client, RunListener listener,
            WatchState s) {
        WatchContext c = new WatchContext(clock, client, s.settings(), s.testId(), s.watchStartedAtMillis(),
                new RunReporter(listener));
        RunWatch w = new RunWatch(scheduler, c, s.runId() == null ? RunAdoption.afterRestart(client, s) : null);
        w.restore(s);
        w.loop.schedule(0);
        return w;
    }

    private void restore(WatchState s) {
        c.runId = s.runId();
        c.webUrl = s.runId() == null ? null : s.webUrl();
        c.stopSent = s.stopSent();
        c.stopAttempted = s.stopSent();
        c.endedSeenAt = s.endedSeenAtMillis();
        if (s.lastRunStatus() != null && s.runId() != null) {
            c.lastRun = TestRun.builder(s.runId()).testId(s.testId()).runStatus(s.lastRunStatus())
                    .processingStatus(s.lastProcessingStatus()).build();
        }
        c.statusLines.shownBefore(c.lastRun, c.now());
        if (s.cancelRequested()) {
            c.cancelRequestedAt = s.cancelRequestedAtMillis() == null ? c.now() : s.cancelRequestedAtMillis();
            c.cancelReason = "cancel requested before the restart";
            c.cancelRequested = true;
        }
        if (s.runId() == null) {
            c.phase = WatchPhase.STARTING;
        } else if (s.cancelRequested()) {
            c.phase = WatchPhase.CANCELLING;
        } else if (s.phase() == WatchPhase.PROCESSING) {
            c.phase = WatchPhase.PROCESSING;
        } else {
            // STOPPING is re-derived: the deadline or error behind it shows up again on the next poll
            c.phase = WatchPhase.WATCHING;
        }
        if (s.runId() != null) {
            c.say(ConsoleText.resumed(s.runId(), c.webUrl));
        }
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
                reportNow = c.stopAttempted || c.runEnded;
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
                    + (o == null ? "" : ": " + o.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' '));
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
        try {
            return advance();
        } catch (RuntimeException e) {
            return onUnexpected(e);
        }
    }

    private long advance() {
        if (c.reporter.isDone() && (c.phase != WatchPhase.CANCELLING || c.stopSent)) {
            return StepLoop.DONE; // a second cancel reported already and the stop went out
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

    /** A bug of ours: report it, but first try to stop the run so that it is not left going. */
    private long onUnexpected(RuntimeException e) {
        LOGGER.log(Level.WARNING, "Following k6 Cloud run " + c.runId + " of test " + c.testId + " failed", e);
        String what = "an unexpected error in the plugin: " + e;
        if (c.runId != null && !c.runEnded && !c.stopSent) {
            try {
                stop.sendStop("plugin error");
            } catch (K6CloudException | RuntimeException stopFailure) {
                return c.report(new Judgement(Verdict.UNREACHABLE, "Stopped following k6 Cloud run " + c.runId
                        + " because of " + what + ". The run could not be stopped: stop it in the k6 web app: "
                        + c.webUrl));
            }
        }
        return c.report(new Judgement(Verdict.UNREACHABLE, "Stopped following k6 Cloud "
                + (c.runId == null ? "load test " + c.testId : "run " + c.runId) + " because of " + what));
    }
}
