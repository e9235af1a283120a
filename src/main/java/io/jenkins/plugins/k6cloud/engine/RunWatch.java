package io.jenkins.plugins.k6cloud.engine;

import static io.jenkins.plugins.k6cloud.engine.WatchPhase.CANCELLING;
import static io.jenkins.plugins.k6cloud.engine.WatchPhase.CANCEL_STOP_SENT;
import static io.jenkins.plugins.k6cloud.engine.WatchPhase.LOOKING;
import static io.jenkins.plugins.k6cloud.engine.WatchPhase.PROCESSING;
import static io.jenkins.plugins.k6cloud.engine.WatchPhase.STARTING;
import static io.jenkins.plugins.k6cloud.engine.WatchPhase.STOPPING;
import static io.jenkins.plugins.k6cloud.engine.WatchPhase.STOP_SENT;
import static io.jenkins.plugins.k6cloud.engine.WatchPhase.WATCHING;

import io.jenkins.plugins.k6cloud.api.DurationFormat;
import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.ProcessingStatus;
import io.jenkins.plugins.k6cloud.api.ResultStatus;
import io.jenkins.plugins.k6cloud.api.RunStatus;
import io.jenkins.plugins.k6cloud.api.TestRun;
import io.jenkins.plugins.k6cloud.api.Threshold;
import io.jenkins.plugins.k6cloud.engine.RunEngine.OnEngineClose;
import io.jenkins.plugins.k6cloud.engine.VerdictRules.Judgement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One run's state machine, advanced a tick (one or two HTTP calls) at a time; {@link #advance} shows every phase and
 * only this class sets it (diagram: docs/ARCHITECTURE.md). {@link #cancel} only records the request and wakes it.
 */
public final class RunWatch {
    private static final Logger LOGGER = Logger.getLogger(RunWatch.class.getName());
    private static final long DONE = TickLoop.DONE;
    private static final RunEvents SILENT = new RunEvents() {};

    /** The cancel wait counts from {@code at}. */
    private record Cancel(long at, String reason, boolean twice) {}

    private final RunEngine engine;
    private final Clock clock;
    private final K6CloudClient client;
    private final RunSettings settings;
    private final long testId;
    private final long watchStartedAt;
    private final OnEngineClose onClose;
    private final RunEvents listener;
    private final CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
    private final ErrorStreak errors;
    private final ConsoleText.StatusLines statusLines = new ConsoleText.StatusLines();
    private final TickLoop loop;
    private final CompletableFuture<Void> stopAccepted = new CompletableFuture<>();
    private final Object cancelLock = new Object();
    private final Object reportLock = new Object();

    // written by the ticks, one at a time; volatile for status(), state() and cancel() on other threads
    private volatile WatchPhase phase = STARTING;
    private volatile Long runId;
    private volatile String webUrl;
    private volatile TestRun lastRun;
    private volatile Long startAttemptAt;
    private volatile Long endedSeenAt;
    private volatile Cancel cancel; // written under cancelLock
    private volatile RunAdoption adoption; // in LOOKING
    private volatile Judgement stopping; // in STOPPING and STOP_SENT: what to report once the run is stopped
    private Long stopWaitUntil; // in STOP_SENT after our timeout: until when to wait for the end
    private volatile boolean stopAttempted; // even a failed stop: a second cancel need not wait for it
    private boolean retryStop; // our timeout's stop, or one after a restart: not an error's first stop
    private boolean lookCancelSaid; // the console said once that the look goes on after the cancel
    private boolean reported; // under reportLock: the listener hears nothing after the outcome

    // ---- every phase and its handler; the sections below follow it

    private long advance() {
        if (outcome.isDone() && phase != CANCELLING && phase != LOOKING) {
            return DONE; // a second cancel reported already, and no stop or look is left to finish
        }
        if (cancel != null && (phase == WATCHING || phase == STOPPING || phase == STOP_SENT)) {
            enter(phase == STOP_SENT ? CANCEL_STOP_SENT : CANCELLING); // the build was aborted: stop the run
        }
        return switch (phase) {
            case STARTING -> sendStart(); // -> WATCHING, LOOKING (answer lost), DONE
            case LOOKING -> look(); // -> WATCHING (run found), DONE (none found)
            case WATCHING -> poll(); // -> PROCESSING (ended), STOPPING (timeout, error)
            case PROCESSING -> awaitProcessing(); // -> DONE
            case STOPPING -> stop(); // -> STOP_SENT, DONE
            case CANCELLING -> sendCancelStop(); // -> CANCEL_STOP_SENT, DONE
            case STOP_SENT, CANCEL_STOP_SENT -> awaitEndAfterStop(); // -> DONE
            case DONE -> DONE;
        };
    }

    private void enter(WatchPhase next) {
        phase = next;
        changed();
    }

    private long tick() {
        try {
            return engine.isClosed() ? DONE : advance(); // once closed: resumed after the restart
        } catch (Throwable e) {
            return engine.isClosed() ? DONE : failed(e);
        }
    }

    RunWatch(
            RunEngine engine,
            K6CloudClient client,
            RunEvents listener,
            long testId,
            RunSettings settings,
            long watchStartedAt,
            OnEngineClose onClose) {
        this.engine = engine;
        this.clock = engine.clock;
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.testId = testId;
        this.watchStartedAt = watchStartedAt;
        this.onClose = Objects.requireNonNull(onClose, "onClose");
        this.listener = listener == null ? SILENT : listener;
        this.errors = new ErrorStreak(settings);
        this.loop = new TickLoop(engine.scheduler, clock, this::tick);
        engine.added(this);
        outcome.whenComplete((o, e) -> engine.done(this, runId));
    }

    void begin() {
        if (onClose == OnEngineClose.CANCEL && engine.draining()) {
            // checked once the watch is registered: a cancelUnresumable that began earlier may not see it
            complete(VerdictRules.cancelled("no run was started: Jenkins is shutting down."), List.of());
            return;
        }
        loop.schedule(0);
    }

    /** After a restart, in the saved phase; a state without a run id whose start may have gone out is LOOKING. */
    void resume(WatchState s) {
        runId = s.runId();
        webUrl = runId == null ? null : s.webUrl();
        endedSeenAt = s.endedSeenAtMillis();
        startAttemptAt = s.startAttemptAtMillis();
        stopAttempted = s.stopSent();
        if (s.lastRunStatus() != null && runId != null) {
            lastRun = TestRun.ofStatus(runId, testId, s.lastRunStatus(), s.lastProcessingStatus(), null);
        }
        statusLines.shownBefore(lastRun, now());
        if (s.cancelRequested()) {
            cancel = new Cancel(s.cancelRequestedAtMillis(), "cancel requested before the restart", false);
        }
        if (s.stoppingFor() != null) {
            stopping = new Judgement(s.stoppingFor(), s.stoppingMessage());
            retryStop = true;
        }
        phase = runId == null
                ? (s.startNotSent() ? STARTING : LOOKING) // a start may have gone out: look for its run
                : s.cancelRequested()
                        ? (s.stopSent() ? CANCEL_STOP_SENT : CANCELLING)
                        : s.phase() == PROCESSING
                                ? PROCESSING
                                : stopping != null ? (s.stopSent() ? STOP_SENT : STOPPING) : WATCHING;
        if (phase == LOOKING) {
            adoption = RunAdoption.afterRestart(client, s, engine);
        } else if (runId != null) {
            engine.follow(runId);
            say(ConsoleText.resumed(runId, webUrl));
        }
        loop.schedule(0);
    }

    // ---- STARTING and LOOKING: getting a run id, never by a second start after one whose outcome is unknown

    private long sendStart() {
        if (cancel != null) {
            return report(VerdictRules.cancelled("no run was started."));
        }
        // a restart from here on looks for runs created since now (without this mark, it starts one)
        startAttemptAt = now();
        changed();
        TestRun run;
        try {
            run = engine.call(() -> client.startRun(testId));
        } catch (K6CloudException.StartOutcomeUnknownException e) {
            // a run may exist after all: look again, then follow it (or stop it, if cancelled)
            adoption = RunAdoption.afterUnknownStart(client, testId, settings, engine, e);
            phase = LOOKING;
            return settings.pollInterval().toMillis();
        } catch (K6CloudException e) {
            // a 429 created nothing: sent again after the delay asked for, within the start timeout
            long delay = e instanceof K6CloudException.RateLimitedException r
                    ? Math.max(r.retryAfterMillis(), settings.pollInterval().toMillis())
                    : -1;
            if (delay >= 0 && cancel == null && now() + delay < startTimeoutAt()) {
                say("k6 Cloud asked to wait " + DurationFormat.format(Duration.ofMillis(delay))
                        + " before starting a run of load test " + testId + " (HTTP 429); starting it then");
                return delay;
            }
            return report(
                    cancel != null
                            ? VerdictRules.cancelled("no run was started (" + e.getMessage() + ")")
                            : VerdictRules.startFailed(testId, e));
        }
        if (!engine.follow(run.id())) {
            // never follow nor stop it: aborting this build would stop the other build's test
            return report(VerdictRules.runOfAnotherBuild(testId, run.id(), settings.runLink(run), cancel != null));
        }
        say(ConsoleText.started(testId, run.id(), settings.runLink(run)));
        return known(run);
    }

    /** k6 Cloud may create the run late: a cancel does not end the look, a second one reports and it goes on. */
    private long look() {
        RunAdoption.Result found;
        try {
            found = adoption.find(cancel != null);
            errors.reset();
        } catch (K6CloudException e) {
            return retryOr(e, Long.MAX_VALUE, () -> endLook(adoption.lookupFailed(e, cancel != null)));
        }
        if (found.run() != null) {
            return adopt(found);
        }
        if (!adoption.mayStillAppear(now())) {
            return endLook(
                    new Judgement(cancel != null ? Verdict.CANCELLED : Verdict.UNREACHABLE, found.explanation()));
        }
        Cancel k = cancel;
        if (k != null && k.twice()) {
            report(VerdictRules.cancelled(adoption.stillLooking())); // once: later calls change nothing
        } else if (k != null && !lookCancelSaid) {
            lookCancelSaid = true;
            say(adoption.lookingOnToStop());
        }
        return settings.pollInterval().toMillis();
    }

    private long adopt(RunAdoption.Result found) {
        TestRun run = found.run();
        synchronized (cancelLock) {
            Cancel k = cancel;
            if (k != null) {
                cancel = new Cancel(now(), k.reason(), k.twice()); // the wait counts from when there is a run
            }
        }
        say(found.explanation());
        long next = known(run);
        if (outcome.isDone()) {
            // checked after the id is set: an outcome (a second cancel, on the caller's thread) that went
            // out before then did not release the run; one that went out after it did, and this is a no-op
            engine.unfollow(run.id());
        }
        return next;
    }

    private long endLook(Judgement j) {
        phase = WatchPhase.DONE;
        return report(j);
    }

    private long known(TestRun run) {
        runId = run.id();
        webUrl = settings.runLink(run);
        lastRun = run;
        phase = WATCHING;
        WatchState started = state();
        tell("onStarted", l -> l.onStarted(started));
        if (cancel != null) {
            enter(CANCELLING);
            return sendCancelStop();
        }
        if (!settings.waitForEnd()) {
            return report(VerdictRules.started(run.id(), webUrl));
        }
        lastRun = null; // so that the first status is shown and persisted
        observe(run);
        return afterRead(run);
    }

    // ---- WATCHING and PROCESSING: polling, bounded by the timeouts, riding out transient errors

    private long poll() {
        return read(this::afterRead, this::onPollError);
    }

    private long afterRead(TestRun run) {
        if (hasEnded(run)) {
            return ended(run);
        }
        long now = now();
        if (now >= timeoutAt()) {
            return stopTimedOut();
        }
        boolean beforeRunning = run.runStatus().isBeforeRunning();
        if (beforeRunning && now >= startTimeoutAt()) {
            return beginStop(
                    VerdictRules.startTimedOut(runId, settings.startTimeout(), statusLines.shown(), webUrl), true);
        }
        return pollWithin(beforeRunning ? Math.min(timeoutAt(), startTimeoutAt()) : timeoutAt());
    }

    private long onPollError(K6CloudException e) {
        long now = now();
        if (!e.isTransient()) {
            return beginStop(VerdictRules.apiError(runId, e, webUrl), false);
        }
        if (errors.record(now)) {
            return beginStop(VerdictRules.unreachable(runId, errors.describe(now), e, webUrl), false);
        }
        if (now >= timeoutAt()) {
            return stopTimedOut();
        }
        long delay = errors.backoffMillis(e);
        if (errors.failures() == 1) {
            say(ConsoleText.apiTrouble(elapsed(), e.getMessage(), delay));
        }
        return delay;
    }

    private long stopTimedOut() {
        return beginStop(VerdictRules.timedOut(runId, settings.timeout(), statusLines.shown(), webUrl), true);
    }

    private long ended(TestRun run) {
        phase = PROCESSING;
        if (endedSeenAt == null) {
            endedSeenAt = now();
        }
        changed();
        if (!stillProcessing(run)) {
            return judge(run);
        }
        return pollWithin(processingDeadline());
    }

    /** Only a finished run (its result) and one aborted by a threshold (its values) need processed metrics. */
    private static boolean stillProcessing(TestRun run) {
        return !run.processingStatus().isDone()
                && (run.runStatus() == RunStatus.FINISHED || run.runStatus() == RunStatus.ABORTED_BY_THRESHOLD);
    }

    private long awaitProcessing() {
        if (cancel != null) {
            return report(VerdictRules.cancelled(cancelDetail()));
        }
        return read(
                run -> !stillProcessing(run) || now() >= processingDeadline()
                        ? judge(run)
                        : pollWithin(processingDeadline()),
                e -> retryOr(e, Long.MAX_VALUE, () -> {
                    String why = e.isTransient()
                            ? errors.describe(now()) + ", the last error was: " + e.getMessage()
                            : e.getMessage();
                    return report(new Judgement(
                            Verdict.UNREACHABLE,
                            "k6 Cloud run " + runId + " ended as " + endedLabel(lastRun)
                                    + ", but its result could not be read: " + why + " See " + webUrl));
                }));
    }

    private long judge(TestRun run) {
        if (stillProcessing(run)) {
            say("k6 Cloud had not finished processing the metrics of run " + run.id() + " after "
                    + DurationFormat.format(settings.processingTimeout()) + "; judging with what it reported");
        }
        List<Threshold> thresholds = List.of();
        try {
            thresholds = engine.call(() -> client.getThresholds(run.id()));
        } catch (K6CloudException e) {
            say("Could not read the thresholds of run " + run.id() + " (the verdict does not depend on them): "
                    + e.getMessage());
        }
        return report(VerdictRules.judge(run, phase.stopSent(), webUrl), thresholds);
    }

    // ---- STOPPING: our timeout or an error; after our timeout the run's end is awaited

    private long beginStop(Judgement judgement, boolean retry) {
        stopping = judgement;
        retryStop = retry;
        enter(STOPPING); // persists the verdict to come, so that a restart before the report keeps it
        return stop();
    }

    private long stop() {
        Judgement afterStop = stopping;
        boolean awaitEnd = afterStop.verdict() == Verdict.TIMED_OUT;
        try {
            sendStop(awaitEnd ? "timeout" : "cannot follow it");
        } catch (K6CloudException e) {
            return retryOr(
                    e, retryStop ? Long.MAX_VALUE : Long.MIN_VALUE, () -> report(afterStop.withNote(couldNotStop(e))));
        }
        return awaitEnd ? pollWithin(stopWaitUntil()) : report(afterStop);
    }

    // ---- CANCELLING: the build was aborted

    private long sendCancelStop() {
        try {
            sendStop(cancel.reason());
        } catch (K6CloudException e) {
            long next = retryOr(e, Long.MAX_VALUE, () -> report(VerdictRules.cancelled(couldNotStop(e))));
            if (next != DONE && cancel.twice()) {
                report(VerdictRules.cancelled(cancelDetail())); // and keeps trying to stop it, silently
            }
            return next;
        }
        if (outcome.isDone()) {
            return DONE;
        }
        if (cancel.twice()) {
            return report(VerdictRules.cancelled(cancelDetail()));
        }
        return pollWithin(stopWaitUntil());
    }

    // ---- STOP_SENT and CANCEL_STOP_SENT: polls, bounded by the cancel wait, until the run ends; an error's stop
    // (restored between the stop and its report) and a second cancel report at once

    private long awaitEndAfterStop() {
        boolean cancelled = phase == CANCEL_STOP_SENT;
        if (cancelled ? cancel.twice() : stopping.verdict() != Verdict.TIMED_OUT) {
            return report(cancelled ? VerdictRules.cancelled(cancelDetail()) : stopping);
        }
        long deadline = stopWaitUntil();
        return read(
                run -> hasEnded(run)
                        ? reportAfterStop(
                                "k6 Cloud run " + runId + " was stopped and ended as " + endedLabel(run) + ".",
                                "After the stop it ended as " + endedLabel(run) + ".")
                        : now() < deadline
                                ? pollWithin(deadline)
                                : reportAfterStop(
                                        "k6 Cloud run " + runId + " was asked to stop but was still "
                                                + statusLines.shown() + " after "
                                                + DurationFormat.format(settings.cancelWait())
                                                + "; check that it stops: " + webUrl,
                                        "The stop was sent, but the run was still " + statusLines.shown() + " "
                                                + DurationFormat.format(settings.cancelWait())
                                                + " later: check that it stops."),
                e -> retryOr(
                        e,
                        deadline,
                        () -> reportAfterStop(
                                "k6 Cloud run " + runId + " was asked to stop, but whether it ended could not be read: "
                                        + e.getMessage() + " Check " + webUrl,
                                "The stop was sent, but whether the run ended could not be read (" + e.getMessage()
                                        + "); its last known status is " + statusLines.shown() + ".")));
    }

    /** The cancel wait, counted from the cancel, or after our timeout from the first wait (again after a restart). */
    private long stopWaitUntil() {
        if (phase == CANCEL_STOP_SENT) {
            return cancel.at() + settings.cancelWait().toMillis();
        }
        if (stopWaitUntil == null) {
            stopWaitUntil = now() + settings.cancelWait().toMillis();
        }
        return stopWaitUntil;
    }

    private long reportAfterStop(String cancelDetail, String timeoutNote) {
        return report(
                phase == CANCEL_STOP_SENT ? VerdictRules.cancelled(cancelDetail) : stopping.withNote(timeoutNote));
    }

    /** Sends the stop; once k6 Cloud accepted it, STOPPING becomes STOP_SENT and CANCELLING CANCEL_STOP_SENT. */
    private void sendStop(String why) throws K6CloudException {
        try {
            engine.call(() -> {
                client.stopRun(runId);
                return null;
            });
        } finally {
            stopAttempted = true;
        }
        phase = phase == CANCELLING ? CANCEL_STOP_SENT : STOP_SENT;
        stopAccepted.complete(null);
        errors.reset();
        say(ConsoleText.stopSent(elapsed(), runId, why));
        changed();
    }

    private String couldNotStop(K6CloudException e) {
        return "The run could not be stopped (" + e.getMessage() + "): stop it in the k6 web app: " + webUrl;
    }

    /** What a cancel reports when it does not wait: after a second cancel, or when the run had ended. */
    private String cancelDetail() {
        WatchPhase p = phase;
        if (runId == null) {
            return p == LOOKING ? adoption.stillLooking() : "no run was started.";
        }
        if (p == PROCESSING) {
            return "k6 Cloud run " + runId + " had already ended as " + endedLabel(lastRun) + ".";
        }
        return (p.stopSent()
                        ? "k6 Cloud run " + runId + " was asked to stop"
                        : "stopping k6 Cloud run " + runId + " is being retried")
                + "; not waiting for it to end (cancelled twice). Check " + webUrl;
    }

    /** Something no tick expects (a bug of ours, an {@link Error}): UNREACHABLE, after trying to stop the run. */
    private long failed(Throwable e) {
        LOGGER.log(Level.WARNING, "Following k6 Cloud run " + runId + " of test " + testId + " failed", e);
        String unstopped = "";
        WatchPhase p = phase;
        if (runId != null && (p == WATCHING || p == STOPPING || p == CANCELLING)) {
            try {
                sendStop("plugin error");
            } catch (K6CloudException | RuntimeException stopFailure) {
                unstopped = ". The run could not be stopped: stop it in the k6 web app: " + webUrl;
            }
        }
        return report(new Judgement(
                Verdict.UNREACHABLE,
                "Stopped following k6 Cloud " + (runId == null ? "load test " + testId : "run " + runId)
                        + " because of an unexpected error in the plugin: " + e + unstopped));
    }

    // ---- reporting

    /** Not once the engine is closing: the watch is resumed and judged then. */
    private long report(Judgement j, List<Threshold> thresholds) {
        return engine.isClosed() ? DONE : complete(j, thresholds);
    }

    private long report(Judgement j) {
        return report(j, List.of());
    }

    private long complete(Judgement j, List<Threshold> thresholds) {
        TestRun r = lastRun;
        RunOutcome o = new RunOutcome(
                j.verdict(),
                j.verdict().buildResult(settings.onThresholdsFailed()),
                j.message(),
                testId,
                runId,
                webUrl,
                r == null ? RunStatus.UNKNOWN : r.runStatus(),
                r == null ? null : r.runStatusCode(),
                r == null ? ProcessingStatus.UNKNOWN : r.processingStatus(),
                r == null ? ResultStatus.UNKNOWN : r.resultStatus(),
                Duration.ofMillis(Math.max(0, elapsed())),
                r == null ? null : r.vus(),
                thresholds);
        synchronized (reportLock) {
            if (!reported) {
                try {
                    ConsoleText.summary(o).forEach(this::say);
                    phase = afterReport();
                    changed();
                } finally {
                    reported = true;
                    outcome.complete(o);
                }
            }
        }
        return DONE;
    }

    /** After a second cancel a stop not yet accepted is retried (CANCELLING), or the look goes on, silently. */
    private WatchPhase afterReport() {
        WatchPhase p = phase;
        if (cancel != null && runId != null && (p == WATCHING || p == STOPPING || p == CANCELLING)) {
            return CANCELLING;
        }
        return cancel != null && p == LOOKING ? LOOKING : WatchPhase.DONE;
    }

    // ---- what other threads call

    /** Completes once, never exceptionally; never when the engine is closed first (resume the run then). */
    public CompletableFuture<RunOutcome> outcome() {
        return outcome;
    }

    /** The first call stops the run and waits, bounded, for its end; a second reports CANCELLED at once. */
    public void cancel(String reason) {
        boolean reportNow;
        synchronized (cancelLock) {
            if (outcome.isDone()) {
                return;
            }
            Cancel k = cancel;
            if (k == null) {
                cancel =
                        new Cancel(now(), reason == null || reason.isBlank() ? "the build was aborted" : reason, false);
                reportNow = false;
            } else {
                cancel = new Cancel(k.at(), k.reason(), true);
                WatchPhase p = phase;
                reportNow = stopAttempted || p == PROCESSING || p == LOOKING;
            }
        }
        if (reportNow) {
            report(VerdictRules.cancelled(cancelDetail()));
        }
        loop.wake();
    }

    public WatchState state() {
        TestRun r = lastRun;
        WatchPhase p = phase;
        Judgement s = p == STOPPING || p == STOP_SENT ? stopping : null;
        Cancel k = cancel;
        return new WatchState(
                testId,
                runId,
                settings,
                watchStartedAt,
                r == null ? null : r.runStatusCode(),
                r == null ? null : r.processingStatusCode(),
                p,
                endedSeenAt,
                k == null ? null : k.at(),
                webUrl,
                s == null ? null : s.verdict(),
                s == null ? null : s.message(),
                startAttemptAt);
    }

    /** A short lowercase phrase for an administrator, e.g. "run 42 running, next poll in 5 s". */
    public String status() {
        Long id = runId;
        if (outcome.isDone()) {
            RunOutcome o = outcome.getNow(null);
            String verdict = o == null
                    ? ""
                    : ": " + o.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            return (id == null ? "test " + testId : "run " + id) + " done" + verdict;
        }
        if (id == null) {
            return "starting a run of test " + testId;
        }
        String next = "next poll in " + DurationFormat.untilNext(loop.nextTickAt() - now());
        TestRun r = lastRun;
        String status = r == null ? "started" : ConsoleText.statusText(r).toLowerCase(Locale.ROOT);
        return switch (phase) {
            case PROCESSING -> "run " + id + " ended, waiting for k6 Cloud to process its results, " + next;
            case STOPPING, STOP_SENT -> "run " + id + " stopping, " + next;
            case CANCELLING, CANCEL_STOP_SENT -> "run " + id + " " + status + ", cancelling, " + next;
            default -> "run " + id + " " + status + ", " + next;
        };
    }

    boolean cancelsOnClose() {
        return onClose == OnEngineClose.CANCEL;
    }

    /** Completes when k6 Cloud accepted a stop of the run, or the outcome is known. */
    CompletableFuture<Object> stopSettled() {
        return CompletableFuture.anyOf(outcome, stopAccepted);
    }

    /** The engine closed before this unresumable watch had an outcome: CANCELLED, so that its caller returns. */
    void closedUnresumable() {
        Long id = runId;
        WatchPhase p = phase;
        String detail;
        if (id == null) {
            detail = "the stop was not confirmed: no run was known yet. Check the runs of load test " + testId
                    + " in the k6 web app: " + settings.webAppUrl();
        } else if (p.stopSent() || p == PROCESSING) {
            detail = "the stop of k6 Cloud run " + id + " was sent.";
        } else {
            detail = "the stop of k6 Cloud run " + id + " was not confirmed: check it in the k6 web app: " + webUrl;
        }
        complete(new Judgement(Verdict.CANCELLED, "Jenkins shut down; " + detail), List.of());
    }

    // ---- helpers

    private long now() {
        return clock.millis();
    }

    private long elapsed() {
        return now() - watchStartedAt;
    }

    private void say(String line) {
        tell("onLine", l -> l.onLine(line));
    }

    private void changed() {
        WatchState s = state();
        tell("onStateChanged", l -> l.onStateChanged(s));
    }

    /** One call at a time (a second cancel reports on its caller's thread), none after the outcome; throws logged. */
    private void tell(String method, Consumer<RunEvents> call) {
        synchronized (reportLock) {
            try {
                if (!reported) {
                    call.accept(listener);
                }
            } catch (RuntimeException e) {
                LOGGER.log(
                        Level.WARNING,
                        "A k6 Cloud run listener failed in " + method + " ("
                                + e.getClass().getName() + "); the run is followed on",
                        e);
            }
        }
    }

    private void observe(TestRun run) {
        TestRun before = lastRun;
        lastRun = run;
        statusLines.observe(run, now(), elapsed()).forEach(this::say);
        if (before == null
                || !Objects.equals(before.runStatusCode(), run.runStatusCode())
                || !Objects.equals(before.processingStatusCode(), run.processingStatusCode())) {
            changed();
        }
    }

    /** The back-off (never past {@code deadline}) for a transient failure within the budget; else {@code giveUp}. */
    private long retryOr(K6CloudException e, long deadline, LongSupplier giveUp) {
        long now = now();
        if (e.isTransient() && now < deadline && !errors.record(now)) {
            return Math.min(errors.backoffMillis(e), deadline - now);
        }
        return giveUp.getAsLong();
    }

    /** Reads the run (ending an error streak) and observes it, then {@code then}; on a failure {@code orElse}. */
    private long read(ToLongFunction<TestRun> then, ToLongFunction<K6CloudException> orElse) {
        TestRun run;
        try {
            run = engine.call(() -> client.getRun(runId));
        } catch (K6CloudException e) {
            return orElse.applyAsLong(e);
        }
        int had = errors.reset();
        if (had > 0) {
            say(ConsoleText.apiBack(elapsed(), had));
        }
        observe(run);
        return then.applyAsLong(run);
    }

    private long pollWithin(long deadline) {
        return Math.max(0, Math.min(settings.pollInterval().toMillis(), deadline - now()));
    }

    private long timeoutAt() {
        return watchStartedAt + settings.timeout().toMillis();
    }

    private long startTimeoutAt() {
        return watchStartedAt + settings.startTimeout().toMillis();
    }

    private long processingDeadline() {
        Long at = endedSeenAt;
        return (at == null ? now() : at) + settings.processingTimeout().toMillis();
    }

    /** "Aborted (by user)", or "run_status 42" for a code this plugin does not know. */
    private static String endedLabel(TestRun run) {
        return run == null
                ? "an unknown status"
                : run.runStatus() == RunStatus.UNKNOWN
                        ? "run_status " + run.runStatusCode()
                        : run.runStatus().label();
    }

    /** A known terminal code, or an unknown one once k6 Cloud says the run ended. */
    private static boolean hasEnded(TestRun run) {
        return run.runStatus().isTerminal()
                || (run.runStatus() == RunStatus.UNKNOWN
                        && run.runStatusCode() != null
                        && (run.ended() != null || run.processingStatus().isDone()));
    }

    /** Failed calls in a row: spent after {@code maxConsecutiveErrors} or {@code errorBudget} since the first. */
    static final class ErrorStreak {
        /** Back-off never grows beyond this, so a long outage is still probed now and then. */
        static final long MAX_BACKOFF_MILLIS = 60_000;

        private final RunSettings settings;
        private int failures;
        private long firstFailureAt;

        ErrorStreak(RunSettings settings) {
            this.settings = settings;
        }

        int reset() {
            int had = failures;
            failures = 0;
            return had;
        }

        int failures() {
            return failures;
        }

        boolean record(long nowMillis) {
            if (failures++ == 0) {
                firstFailureAt = nowMillis;
            }
            return failures >= settings.maxConsecutiveErrors()
                    || nowMillis - firstFailureAt >= settings.errorBudget().toMillis();
        }

        /** Exponential from the poll interval, at least what a 429 asked for. */
        long backoffMillis(K6CloudException e) {
            long base = settings.pollInterval().toMillis();
            long delay = Math.min(base << Math.min(Math.max(0, failures - 1), 16), Math.max(base, MAX_BACKOFF_MILLIS));
            return e instanceof K6CloudException.RateLimitedException r ? Math.max(delay, r.retryAfterMillis()) : delay;
        }

        String describe(long nowMillis) {
            return failures + " call" + (failures == 1 ? "" : "s") + " to k6 Cloud failed in a row over "
                    + DurationFormat.format(Duration.ofMillis(Math.max(0, nowMillis - firstFailureAt)));
        }
    }
}
