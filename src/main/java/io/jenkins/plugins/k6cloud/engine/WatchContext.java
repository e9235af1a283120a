package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.ProcessingStatus;
import io.jenkins.plugins.k6cloud.api.ResultStatus;
import io.jenkins.plugins.k6cloud.api.RunStatus;
import io.jenkins.plugins.k6cloud.api.TestRun;
import io.jenkins.plugins.k6cloud.api.Threshold;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * What the steps of one watch share: the facts about the run so far (what {@link WatchState}
 * persists, plus the cancel flags) and the helpers every step uses. Steps change it one at a
 * time; fields read by other threads ({@code status()}, {@code state()}, a cancel) are volatile.
 */
final class WatchContext {
    final Clock clock;
    final K6CloudClient client;
    final RunSettings settings;
    final long testId;
    final long watchStartedAt;
    final ErrorStreak errors;
    final RunReporter reporter;
    final EngineWatches engine;
    final StatusLines statusLines = new StatusLines();
    /** Completes when k6 Cloud accepted a stop of the run. */
    final CompletableFuture<Void> stopAccepted = new CompletableFuture<>();

    volatile WatchPhase phase = WatchPhase.STARTING;
    volatile Long runId;
    volatile String webUrl;
    volatile TestRun lastRun;
    volatile boolean runEnded;
    volatile boolean stopSent;
    volatile boolean stopAttempted;
    volatile Long endedSeenAt;
    volatile boolean cancelRequested;
    volatile Long cancelRequestedAt;
    volatile String cancelReason;
    volatile boolean abandonRequested;
    /** In STOPPING: what to report once the run is stopped. */
    volatile Judgement stopping;
    /** In STOPPING after our timeout's stop: until when to wait for the run to end ({@code null}: not begun). */
    volatile Long stopWaitUntil;

    volatile Long startAttemptAt;
    /** While a run that a start whose outcome is unknown may have created is looked for; else {@code null}. */
    volatile RunAdoption lookingFor;

    WatchContext(
            Clock clock,
            K6CloudClient client,
            RunSettings settings,
            long testId,
            long watchStartedAt,
            RunReporter reporter,
            EngineWatches engine) {
        this.clock = clock;
        this.engine = engine;
        this.client = new ClosingAwareClient(client, engine);
        this.settings = settings;
        this.testId = testId;
        this.watchStartedAt = watchStartedAt;
        this.errors = new ErrorStreak(settings);
        this.reporter = reporter;
    }

    long now() {
        return clock.millis();
    }

    long elapsed() {
        return now() - watchStartedAt;
    }

    WatchState state() {
        TestRun r = lastRun;
        return WatchState.of(
                testId,
                runId,
                settings,
                watchStartedAt,
                r == null ? null : r.runStatusCode(),
                r == null ? null : r.processingStatusCode(),
                phase,
                stopSent,
                endedSeenAt,
                cancelRequestedAt,
                webUrl,
                phase == WatchPhase.STOPPING ? stopping : null,
                startAttemptAt);
    }

    /** The engine is shutting down: end without a verdict, send nothing. */
    boolean closing() {
        return engine.closing();
    }

    void say(String line) {
        reporter.line(line);
    }

    void changed() {
        reporter.changed(state());
    }

    /** The run was read: console lines worth writing, and a persisted state when its statuses changed. */
    void observe(TestRun run) {
        TestRun before = lastRun;
        lastRun = run;
        statusLines.observe(run, now(), elapsed()).forEach(this::say);
        if (before == null
                || !Objects.equals(before.runStatusCode(), run.runStatusCode())
                || !Objects.equals(before.processingStatusCode(), run.processingStatusCode())) {
            changed();
        }
    }

    /** A call succeeded: the error streak is over. */
    void answered() {
        int had = errors.reset();
        if (had > 0) {
            say(ConsoleText.apiBack(elapsed(), had));
        }
    }

    /** The poll interval, or less when {@code deadline} comes first. */
    long pollWithin(long deadline) {
        return Math.max(0, Math.min(settings.pollInterval().toMillis(), deadline - now()));
    }

    long timeoutAt() {
        return watchStartedAt + settings.timeout().toMillis();
    }

    long startTimeoutAt() {
        return watchStartedAt + settings.startTimeout().toMillis();
    }

    long processingDeadline() {
        Long at = endedSeenAt;
        return (at == null ? now() : at) + settings.processingTimeout().toMillis();
    }

    long cancelDeadline() {
        Long at = cancelRequestedAt;
        return (at == null ? now() : at) + settings.cancelWait().toMillis();
    }

    /** A second cancel reported before k6 Cloud accepted the stop: the stop is still being retried. */
    boolean stopPending() {
        return cancelRequested && !stopSent && !runEnded && runId != null;
    }

    /** A second cancel reported while no run had appeared yet: it is still looked for, to be stopped. */
    boolean lookPending() {
        return cancelRequested && runId == null && lookingFor != null;
    }

    /** After the outcome (a second cancel): a stop still being retried, or a run still looked for to stop it. */
    boolean workLeftAfterReport() {
        return phase == WatchPhase.CANCELLING ? !stopSent : phase == WatchPhase.STARTING && lookingFor != null;
    }

    /** "Aborted (by user)", or "run_status 42" for a code this plugin does not know. */
    static String endedLabel(TestRun run) {
        if (run == null) {
            return "an unknown status";
        }
        return run.runStatus() == RunStatus.UNKNOWN
                ? "run_status " + run.runStatusCode()
                : run.runStatus().label();
    }

    /** A known terminal code, or an unknown one once k6 Cloud says the run ended. */
    static boolean hasEnded(TestRun run) {
        if (run.runStatus().isTerminal()) {
            return true;
        }
        return run.runStatus() == RunStatus.UNKNOWN
                && run.runStatusCode() != null
                && (run.ended() != null || run.processingStatus().isDone());
    }

    /**
     * Completes the outcome (once) with what is known now; returns {@link StepLoop#DONE}. Not once
     * the engine is closing: the watch is resumed after the restart and judged then.
     */
    long report(Judgement j, List<Threshold> thresholds) {
        if (closing()) {
            return StepLoop.DONE;
        }
        return complete(j, thresholds);
    }

    /** Completes the outcome (once), also while the engine is closing. */
    long complete(Judgement j, List<Threshold> thresholds) {
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
        // after a second cancel the stop may still be retried (CANCELLING), or the run looked for (STARTING), silently
        reporter.complete(o, () -> phase = afterReport(), this::state);
        return StepLoop.DONE;
    }

    long report(Judgement j) {
        return report(j, List.of());
    }

    private WatchPhase afterReport() {
        if (stopPending()) {
            return WatchPhase.CANCELLING;
        }
        return lookPending() ? WatchPhase.STARTING : WatchPhase.DONE;
    }
}
