package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.ProcessingStatus;
import io.jenkins.plugins.k6cloud.api.ResultStatus;
import io.jenkins.plugins.k6cloud.api.RunStatus;
import io.jenkins.plugins.k6cloud.api.TestRun;
import io.jenkins.plugins.k6cloud.api.Threshold;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * One followed run: a small state machine advanced one step (one or two HTTP calls) at a time on
 * the engine's scheduler. Steps of one run never overlap; {@link #cancel} only sets a flag and
 * wakes the machine, except that a second cancel reports at once once a stop request has gone out.
 */
final class RunWatch implements RunHandle {
    private static final long DONE = -1;
    /** A "still running" line at most this often. */
    static final long STILL_GOING_EVERY_MILLIS = 60_000;

    private final Scheduler scheduler;
    private final Clock clock;
    private final K6CloudClient client;
    private final RunListener listener;
    private final long testId;
    private final RunSettings settings;
    private final long watchStartedAt;
    private final ErrorStreak errors;
    private final CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
    private RunAdoption adoption;

    // scheduling and cancel flags, guarded by lock
    private final Object lock = new Object();
    private Cancellable pending;
    private boolean stepping;
    private boolean wakeUp;
    private boolean stopped;
    private volatile long nextStepAt;
    private volatile boolean cancelRequested;
    private volatile Long cancelRequestedAt;
    private String cancelReason;
    private boolean abandonRequested;

    // listener calls, one at a time; nothing is said after the outcome
    private final Object listenerLock = new Object();
    private boolean reported;

    // the machine, advanced by one step at a time
    private volatile WatchPhase phase;
    private volatile Long runId;
    private volatile String webUrl;
    private volatile TestRun lastRun;
    private volatile boolean runEnded;
    private volatile boolean stopSent;
    private volatile boolean stopAttempted;
    private Long endedSeenAt;
    private Judgement afterStop;
    private boolean retryStop;
    private String shownStatus;
    private long lastLineAt;
    private boolean unknownWarned;

    private RunWatch(Scheduler scheduler, Clock clock, K6CloudClient client, RunListener listener, long testId,
            RunSettings settings, long watchStartedAt, RunAdoption adoption) {
        this.scheduler = scheduler;
        this.clock = clock;
        this.client = client;
        this.listener = listener == null ? new RunListener() {} : listener;
        this.testId = testId;
        this.settings = settings;
        this.watchStartedAt = watchStartedAt;
        this.errors = new ErrorStreak(settings);
        this.adoption = adoption;
        this.phase = WatchPhase.STARTING;
    }

    static RunWatch starting(Scheduler scheduler, Clock clock, K6CloudClient client, RunListener listener,
            long testId, RunSettings settings) {
        RunWatch w = new RunWatch(scheduler, clock, client, listener, testId, settings, clock.millis(), null);
        w.schedule(0);
        return w;
    }

    static RunWatch resuming(Scheduler scheduler, Clock clock, K6CloudClient client, RunListener listener,
            WatchState state) {
        RunAdoption adoption = state.runId() == null ? RunAdoption.afterRestart(client, state) : null;
        RunWatch w = new RunWatch(scheduler, clock, client, listener, state.testId(), state.settings(),
                state.watchStartedAtMillis(), adoption);
        w.restore(state);
        w.schedule(0);
        return w;
    }

    private void restore(WatchState s) {
        runId = s.runId();
        webUrl = s.runId() == null ? null : s.webUrl();
        stopSent = s.stopSent();
        stopAttempted = s.stopSent();
        endedSeenAt = s.endedSeenAtMillis();
        if (s.lastRunStatus() != null && s.runId() != null) {
            lastRun = TestRun.builder(s.runId()).testId(s.testId()).runStatus(s.lastRunStatus())
                    .processingStatus(s.lastProcessingStatus()).build();
            shownStatus = ConsoleText.statusText(lastRun);
        }
        if (s.cancelRequested()) {
            cancelRequested = true;
            cancelRequestedAt = s.cancelRequestedAtMillis() == null ? clock.millis() : s.cancelRequestedAtMillis();
            cancelReason = "cancel requested before the restart";
        }
        if (s.runId() == null) {
            phase = WatchPhase.STARTING;
        } else if (s.cancelRequested()) {
            phase = WatchPhase.CANCELLING;
        } else if (s.phase() == WatchPhase.PROCESSING) {
            phase = WatchPhase.PROCESSING;
        } else {
            // STOPPING is re-derived: the deadline or error that caused it shows up again on the next poll
            phase = WatchPhase.WATCHING;
        }
        lastLineAt = clock.millis();
        if (s.runId() != null) {
            say(ConsoleText.resumed(s.runId(), webUrl));
        }
    }

    @Override
    public CompletableFuture<RunOutcome> outcome() {
        return outcome;
    }

    @Override
    public void cancel(String reason) {
        boolean reportNow;
        synchronized (lock) {
            if (outcome.isDone()) {
                return;
            }
            if (!cancelRequested) {
                cancelRequestedAt = clock.millis();
                cancelReason = reason == null || reason.isBlank() ? "the build was aborted" : reason;
                cancelRequested = true;
                reportNow = false;
            } else {
                abandonRequested = true;
                reportNow = stopAttempted || runEnded;
            }
        }
        if (reportNow) {
            report(VerdictRules.cancelled(abandonedDetail()), List.of());
        }
        wake();
    }

    @Override
    public WatchState state() {
        TestRun r = lastRun;
        return WatchState.of(testId, runId, settings, watchStartedAt, r == null ? null : r.runStatusCode(),
                r == null ? null : r.processingStatusCode(), phase, stopSent, endedSeenAt, cancelRequestedAt,
                webUrl);
    }

    @Override
    public String status() {
        Long id = runId;
        WatchPhase p = phase;
        String next = "next poll in " + ConsoleText.seconds(nextStepAt - clock.millis());
        if (p == WatchPhase.DONE || outcome.isDone()) {
            RunOutcome o = outcome.getNow(null);
            return (id == null ? "test " + testId : "run " + id) + " done"
                    + (o == null ? "" : ": " + o.verdict().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
        if (id == null) {
            return "starting a run of test " + testId;
        }
        TestRun r = lastRun;
        String status = r == null ? "started" : ConsoleText.statusText(r).toLowerCase(java.util.Locale.ROOT);
        switch (p) {
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

    // ---------------------------------------------------------------- scheduling

    private void schedule(long delay) {
        synchronized (lock) {
            nextStepAt = clock.millis() + Math.max(0, delay);
            try {
                pending = scheduler.schedule(this::step, delay);
            } catch (RejectedExecutionException e) {
                stopped = true;
                pending = null;
            }
        }
    }

    /** Runs the next step now rather than at its planned time (a cancel arrived). */
    private void wake() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            if (stepping) {
                wakeUp = true;
            } else if (pending != null && pending.cancel()) {
                schedule(0);
            }
        }
    }

    private void step() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            pending = null;
            stepping = true;
        }
        long delay = DONE;
        try {
            delay = advance();
        } catch (RuntimeException e) {
            delay = onUnexpected(e);
        } finally {
            synchronized (lock) {
                stepping = false;
                if (delay == DONE) {
                    stopped = true;
                } else {
                    schedule(wakeUp ? 0 : delay);
                    wakeUp = false;
                }
            }
        }
    }

    private long advance() {
        if (outcome.isDone() && (phase != WatchPhase.CANCELLING || stopSent)) {
            return DONE; // a second cancel reported already and the stop went out
        }
        if (cancelRequested && phase != WatchPhase.STARTING && phase != WatchPhase.CANCELLING) {
            if (runEnded || phase == WatchPhase.PROCESSING) {
                return finishCancelled("k6 Cloud run " + runId + " had already ended as " + endedLabel(lastRun) + ".");
            }
            phase = WatchPhase.CANCELLING;
            changed();
        }
        switch (phase) {
            case STARTING:
                return adoption == null ? startRun() : adoptRun();
            case WATCHING:
                return watch();
            case PROCESSING:
                return awaitProcessing();
            case STOPPING:
                return stopThenReport();
            case CANCELLING:
                return cancelling();
            default:
                return DONE;
        }
    }

    // ---------------------------------------------------------------- starting

    private long startRun() {
        if (cancelRequested) {
            return report(VerdictRules.cancelled("no run was started."), List.of());
        }
        TestRun run;
        try {
            run = client.startRun(testId);
        } catch (K6CloudException.StartOutcomeUnknownException e) {
            // a run may exist after all: look again, adopt it (or stop it, if cancelled)
            adoption = RunAdoption.afterUnknownStart(client, testId, settings, e);
            return settings.pollInterval().toMillis();
        } catch (K6CloudException e) {
            if (cancelRequested) {
                return report(VerdictRules.cancelled("no run was started (" + e.getMessage() + ")"), List.of());
            }
            return report(VerdictRules.startFailed(testId, e), List.of());
        }
        return onRunKnown(run, false);
    }

    private long adoptRun() {
        RunAdoption.Result found;
        try {
            found = adoption.find();
            errors.reset();
        } catch (K6CloudException e) {
            if (e.isTransient() && !errors.record(clock.millis())) {
                return errors.backoffMillis(e);
            }
            return report(new Judgement(cancelRequested ? Verdict.CANCELLED : Verdict.UNREACHABLE,
                    adoption.lookupFailed(e)), List.of());
        }
        if (found.run() == null) {
            return report(new Judgement(cancelRequested ? Verdict.CANCELLED : Verdict.UNREACHABLE,
                    found.explanation()), List.of());
        }
        say(found.explanation());
        return onRunKnown(found.run(), true);
    }

    private long onRunKnown(TestRun run, boolean adopted) {
        runId = run.id();
        webUrl = run.webUrl() != null && !run.webUrl().isBlank() ? run.webUrl() : settings.runUrl(run.id());
        lastRun = run;
        phase = WatchPhase.WATCHING;
        if (!adopted) {
            say(ConsoleText.started(testId, run.id(), webUrl));
        }
        WatchState s = state();
        synchronized (listenerLock) {
            if (!reported) {
                listener.onStarted(s);
            }
        }
        if (cancelRequested) {
            phase = WatchPhase.CANCELLING;
            changed();
            return cancelling();
        }
        if (!settings.waitForEnd()) {
            return report(VerdictRules.started(run.id(), webUrl), List.of());
        }
        observe(run);
        if (hasEnded(run)) {
            return onEnded(run);
        }
        return nextPoll();
    }

    // ---------------------------------------------------------------- watching

    private long watch() {
        TestRun run;
        try {
            run = client.getRun(runId);
        } catch (K6CloudException e) {
            return onPollError(e);
        }
        polled();
        observe(run);
        if (hasEnded(run)) {
            return onEnded(run);
        }
        long now = clock.millis();
        if (now >= timeoutAt()) {
            return beginStop(VerdictRules.timedOut(runId, settings.timeout(), shownStatus, webUrl), true);
        }
        if (run.runStatus().isBeforeRunning() && now >= startTimeoutAt()) {
            return beginStop(VerdictRules.startTimedOut(runId, settings.startTimeout(), shownStatus, webUrl), true);
        }
        return nextPoll();
    }

    private long nextPoll() {
        long now = clock.millis();
        long deadline = timeoutAt();
        TestRun r = lastRun;
        if (r == null || r.runStatus().isBeforeRunning()) {
            deadline = Math.min(deadline, startTimeoutAt());
        }
        return Math.max(0, Math.min(settings.pollInterval().toMillis(), deadline - now));
    }

    private long onPollError(K6CloudException e) {
        long now = clock.millis();
        if (!e.isTransient()) {
            return beginStop(VerdictRules.apiError(runId, e, webUrl), false);
        }
        if (errors.record(now)) {
            return beginStop(VerdictRules.unreachable(runId, errors.describe(now), e, webUrl), false);
        }
        if (now >= timeoutAt()) {
            return beginStop(VerdictRules.timedOut(runId, settings.timeout(), shownStatus, webUrl), true);
        }
        long delay = errors.backoffMillis(e);
        if (errors.failures() == 1) {
            say(ConsoleText.apiTrouble(now - watchStartedAt, e.getMessage(), delay));
        }
        return delay;
    }

    private void polled() {
        int had = errors.reset();
        if (had > 0) {
            say(ConsoleText.apiBack(clock.millis() - watchStartedAt, had));
        }
    }

    /** Writes a line when what a person sees changes, and a "still" line at most once a minute. */
    private void observe(TestRun run) {
        TestRun before = lastRun;
        lastRun = run;
        long now = clock.millis();
        String text = ConsoleText.statusText(run);
        if (run.runStatus() == RunStatus.UNKNOWN && !unknownWarned) {
            unknownWarned = true;
            say(ConsoleText.unknownStatus(run.id(), run.runStatusCode()));
        }
        if (!text.equals(shownStatus)) {
            shownStatus = text;
            lastLineAt = now;
            say(ConsoleText.status(now - watchStartedAt, run.id(), text));
        } else if (now - lastLineAt >= STILL_GOING_EVERY_MILLIS) {
            lastLineAt = now;
            say(ConsoleText.stillGoing(now - watchStartedAt, run.id(), text));
        }
        if (before == null || !java.util.Objects.equals(before.runStatusCode(), run.runStatusCode())
                || !java.util.Objects.equals(before.processingStatusCode(), run.processingStatusCode())) {
            changed();
        }
    }

    /** A known terminal code, or an unknown one once k6 Cloud says the run ended. */
    static boolean hasEnded(TestRun run) {
        if (run.runStatus().isTerminal()) {
            return true;
        }
        return run.runStatus() == RunStatus.UNKNOWN && run.runStatusCode() != null
                && (run.ended() != null || run.processingStatus().isDone());
    }

    // ---------------------------------------------------------------- processing

    private long onEnded(TestRun run) {
        runEnded = true;
        phase = WatchPhase.PROCESSING;
        if (endedSeenAt == null) {
            endedSeenAt = clock.millis();
        }
        changed();
        if (run.processingStatus().isDone()) {
            return judge(run);
        }
        return Math.max(0, Math.min(settings.pollInterval().toMillis(), processingDeadline() - clock.millis()));
    }

    private long awaitProcessing() {
        TestRun run;
        try {
            run = client.getRun(runId);
        } catch (K6CloudException e) {
            long now = clock.millis();
            if (e.isTransient() && !errors.record(now)) {
                return errors.backoffMillis(e);
            }
            String why = e.isTransient() ? errors.describe(now) + ", the last error was: " + e.getMessage()
                    : e.getMessage();
            return report(new Judgement(Verdict.UNREACHABLE, "k6 Cloud run " + runId + " ended as " + shownStatus
                    + ", but its result could not be read: " + why + " See " + webUrl), List.of());
        }
        polled();
        runEnded = true;
        observe(run);
        if (run.processingStatus().isDone() || clock.millis() >= processingDeadline()) {
            return judge(run);
        }
        return Math.max(0, Math.min(settings.pollInterval().toMillis(), processingDeadline() - clock.millis()));
    }

    private long judge(TestRun run) {
        if (!run.processingStatus().isDone()) {
            say("k6 Cloud had not finished processing the metrics of run " + run.id() + " after "
                    + DurationFormat.format(settings.processingTimeout()) + "; judging with what it reported");
        }
        List<Threshold> thresholds = List.of();
        try {
            thresholds = client.getThresholds(run.id());
        } catch (K6CloudException e) {
            say("Could not read the thresholds of run " + run.id() + " (the verdict does not depend on them): "
                    + e.getMessage());
        }
        return report(VerdictRules.judge(run, stopSent, webUrl), thresholds);
    }

    private long processingDeadline() {
        return (endedSeenAt == null ? clock.millis() : endedSeenAt) + settings.processingTimeout().toMillis();
    }

    // ---------------------------------------------------------------- stopping

    private long beginStop(Judgement judgement, boolean retry) {
        phase = WatchPhase.STOPPING;
        afterStop = judgement;
        retryStop = retry;
        changed();
        return stopThenReport();
    }

    private long stopThenReport() {
        if (afterStop == null) {
            // resumed in STOPPING without its reason: go back to watching, the reason shows again
            phase = WatchPhase.WATCHING;
            return 0;
        }
        if (stopSent) {
            return report(afterStop, List.of());
        }
        try {
            sendStop(afterStop.verdict() == Verdict.TIMED_OUT ? "timeout" : "cannot follow it");
        } catch (K6CloudException e) {
            if (retryStop && e.isTransient() && !errors.record(clock.millis())) {
                return errors.backoffMillis(e);
            }
            return report(afterStop.withNote(couldNotStop(e)), List.of());
        }
        return report(afterStop, List.of());
    }

    private long cancelling() {
        long now = clock.millis();
        if (!stopSent && !runEnded) {
            try {
                sendStop(cancelReason);
            } catch (K6CloudException e) {
                stopAttempted = true;
                if (e.isTransient() && !errors.record(now)) {
                    if (abandonRequested) {
                        report(VerdictRules.cancelled(abandonedDetail()), List.of());
                    }
                    return errors.backoffMillis(e); // keep trying to stop it, even after reporting
                }
                return report(VerdictRules.cancelled(couldNotStop(e)), List.of());
            }
            if (outcome.isDone()) {
                return DONE;
            }
            if (abandonRequested) {
                return report(VerdictRules.cancelled(abandonedDetail()), List.of());
            }
            return Math.max(0, Math.min(settings.pollInterval().toMillis(), cancelDeadline() - now));
        }
        if (outcome.isDone()) {
            return DONE;
        }
        if (abandonRequested) {
            return report(VerdictRules.cancelled(abandonedDetail()), List.of());
        }
        TestRun run;
        try {
            run = client.getRun(runId);
        } catch (K6CloudException e) {
            if (e.isTransient() && !errors.record(now) && now < cancelDeadline()) {
                return Math.min(errors.backoffMillis(e), Math.max(0, cancelDeadline() - now));
            }
            return report(VerdictRules.cancelled("k6 Cloud run " + runId + " was asked to stop, but whether it"
                    + " ended could not be read: " + e.getMessage() + " Check " + webUrl), List.of());
        }
        polled();
        observe(run);
        if (hasEnded(run)) {
            runEnded = true;
            return report(VerdictRules.cancelled("k6 Cloud run " + runId + " was stopped and ended as "
                    + endedLabel(run) + "."), List.of());
        }
        now = clock.millis();
        if (now >= cancelDeadline()) {
            return report(VerdictRules.cancelled("k6 Cloud run " + runId + " was asked to stop but was still "
                    + shownStatus + " after " + DurationFormat.format(settings.cancelWait())
                    + "; check that it stops: " + webUrl), List.of());
        }
        return Math.max(0, Math.min(settings.pollInterval().toMillis(), cancelDeadline() - now));
    }

    private void sendStop(String why) throws K6CloudException {
        try {
            client.stopRun(runId);
        } finally {
            stopAttempted = true;
        }
        stopSent = true;
        errors.reset();
        say(ConsoleText.stopSent(clock.millis() - watchStartedAt, runId, why));
        changed();
    }

    private String couldNotStop(K6CloudException e) {
        return "The run could not be stopped (" + e.getMessage() + "): stop it in the k6 web app: " + webUrl;
    }

    private String abandonedDetail() {
        if (runId == null) {
            return "no run was started.";
        }
        if (runEnded) {
            return "k6 Cloud run " + runId + " had already ended as " + endedLabel(lastRun) + ".";
        }
        return (stopSent ? "k6 Cloud run " + runId + " was asked to stop" : "stopping k6 Cloud run " + runId
                + " is being retried") + "; not waiting for it to end (cancelled twice). Check " + webUrl;
    }

    private static String endedLabel(TestRun run) {
        return run.runStatus() == RunStatus.UNKNOWN ? "run_status " + run.runStatusCode() : run.runStatus().label();
    }

    private long timeoutAt() {
        return watchStartedAt + settings.timeout().toMillis();
    }

    private long startTimeoutAt() {
        return watchStartedAt + settings.startTimeout().toMillis();
    }

    private long cancelDeadline() {
        Long at = cancelRequestedAt;
        return (at == null ? clock.millis() : at) + settings.cancelWait().toMillis();
    }

    private long finishCancelled(String detail) {
        return report(VerdictRules.cancelled(detail), List.of());
    }

    private long onUnexpected(RuntimeException e) {
        java.util.logging.Logger.getLogger(RunWatch.class.getName())
                .log(java.util.logging.Level.WARNING, "Following k6 Cloud run " + runId + " failed", e);
        String what = "an unexpected error in the plugin: " + e;
        if (runId != null && !runEnded && !stopSent) {
            try {
                sendStop("plugin error");
            } catch (K6CloudException | RuntimeException stopFailure) {
                return report(new Judgement(Verdict.UNREACHABLE, "Stopped following k6 Cloud run " + runId
                        + " because of " + what + ". The run could not be stopped: stop it in the k6 web app: "
                        + webUrl), List.of());
            }
        }
        return report(new Judgement(Verdict.UNREACHABLE, "Stopped following k6 Cloud " + (runId == null
                ? "load test " + testId : "run " + runId) + " because of " + what), List.of());
    }

    // ---------------------------------------------------------------- reporting

    private void changed() {
        WatchState s = state();
        synchronized (listenerLock) {
            if (!reported) {
                listener.onStateChanged(s);
            }
        }
    }

    private void say(String line) {
        synchronized (listenerLock) {
            if (!reported) {
                listener.onLine(line);
            }
        }
    }

    /**
     * Completes the outcome (once) and writes the summary. After a second cancel the outcome may be
     * reported before k6 Cloud accepted the stop; the machine then stays in CANCELLING and keeps
     * retrying the stop within the error budget, silently.
     */
    private long report(Judgement j, List<Threshold> thresholds) {
        synchronized (listenerLock) {
            if (reported) {
                return DONE;
            }
            TestRun r = lastRun;
            RunOutcome o = new RunOutcome(j.verdict(), j.verdict().buildResult(settings.onThresholdsFailed()),
                    j.message(), testId, runId, webUrl,
                    r == null ? RunStatus.UNKNOWN : r.runStatus(), r == null ? null : r.runStatusCode(),
                    r == null ? ProcessingStatus.UNKNOWN : r.processingStatus(),
                    r == null ? ResultStatus.UNKNOWN : r.resultStatus(),
                    Duration.ofMillis(Math.max(0, clock.millis() - watchStartedAt)), r == null ? null : r.vus(),
                    thresholds);
            ConsoleText.summary(o).forEach(listener::onLine);
            boolean stopPending = cancelRequested && !stopSent && !runEnded && runId != null;
            phase = stopPending ? WatchPhase.CANCELLING : WatchPhase.DONE;
            listener.onStateChanged(state());
            reported = true;
            outcome.complete(o);
        }
        return DONE;
    }
}
