package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.RunStatus;
import io.jenkins.plugins.k6cloud.api.TestRun;
import io.jenkins.plugins.k6cloud.api.Threshold;
import java.util.List;

/**
 * Following a run with an id: poll until it ends (WATCHING, bounded by the overall and the start
 * timeout, riding out transient errors within the budget), then until k6 Cloud has processed
 * its metrics (PROCESSING, bounded by the processing timeout) when the verdict or the thresholds
 * depend on it, then judge it.
 */
final class PollSteps {
    private final WatchContext c;
    private final StopSteps stop;

    PollSteps(WatchContext c, StopSteps stop) {
        this.c = c;
        this.stop = stop;
    }

    long watch() {
        TestRun run;
        try {
            run = c.client.getRun(c.runId);
        } catch (K6CloudException e) {
            return onError(e);
        }
        c.answered();
        return afterRead(run);
    }

    /** What to do after reading the run: judge it once ended, stop it when a timeout passed, or poll again. */
    long afterRead(TestRun run) {
        c.observe(run);
        if (WatchContext.hasEnded(run)) {
            return ended(run);
        }
        long now = c.now();
        if (now >= c.timeoutAt()) {
            return stop.begin(
                    VerdictRules.timedOut(c.runId, c.settings.timeout(), c.statusLines.shown(), c.webUrl), true);
        }
        if (run.runStatus().isBeforeRunning() && now >= c.startTimeoutAt()) {
            return stop.begin(
                    VerdictRules.startTimedOut(c.runId, c.settings.startTimeout(), c.statusLines.shown(), c.webUrl),
                    true);
        }
        long deadline = run.runStatus().isBeforeRunning() ? Math.min(c.timeoutAt(), c.startTimeoutAt()) : c.timeoutAt();
        return c.pollWithin(deadline);
    }

    private long onError(K6CloudException e) {
        long now = c.now();
        if (!e.isTransient()) {
            return stop.begin(VerdictRules.apiError(c.runId, e, c.webUrl), false);
        }
        if (c.errors.record(now)) {
            return stop.begin(VerdictRules.unreachable(c.runId, c.errors.describe(now), e, c.webUrl), false);
        }
        if (now >= c.timeoutAt()) {
            return stop.begin(
                    VerdictRules.timedOut(c.runId, c.settings.timeout(), c.statusLines.shown(), c.webUrl), true);
        }
        long delay = c.errors.backoffMillis(e);
        if (c.errors.failures() == 1) {
            c.say(ConsoleText.apiTrouble(c.elapsed(), e.getMessage(), delay));
        }
        return delay;
    }

    private long ended(TestRun run) {
        c.runEnded = true;
        c.phase = WatchPhase.PROCESSING;
        if (c.endedSeenAt == null) {
            c.endedSeenAt = c.now();
        }
        c.changed();
        if (run.processingStatus().isDone() || !awaitsProcessing(run)) {
            return judge(run);
        }
        return c.pollWithin(c.processingDeadline());
    }

    /**
     * Only a finished run (its result) and a run aborted by a threshold (its threshold values) are
     * judged on processed metrics; any other end is judged at once, thresholds read as they are.
     */
    static boolean awaitsProcessing(TestRun run) {
        return run.runStatus() == RunStatus.FINISHED || run.runStatus() == RunStatus.ABORTED_BY_THRESHOLD;
    }

    long awaitProcessing() {
        TestRun run;
        try {
            run = c.client.getRun(c.runId);
        } catch (K6CloudException e) {
            long now = c.now();
            if (e.isTransient() && !c.errors.record(now)) {
                return c.errors.backoffMillis(e);
            }
            String why = e.isTransient()
                    ? c.errors.describe(now) + ", the last error was: " + e.getMessage()
                    : e.getMessage();
            return c.report(new Judgement(
                    Verdict.UNREACHABLE,
                    "k6 Cloud run " + c.runId + " ended as "
                            + WatchContext.endedLabel(c.lastRun) + ", but its result could not be read: " + why
                            + " See "
                            + c.webUrl));
        }
        c.answered();
        c.runEnded = true;
        c.observe(run);
        if (run.processingStatus().isDone() || !awaitsProcessing(run) || c.now() >= c.processingDeadline()) {
            return judge(run);
        }
        return c.pollWithin(c.processingDeadline());
    }

    private long judge(TestRun run) {
        if (!run.processingStatus().isDone() && awaitsProcessing(run)) {
            c.say("k6 Cloud had not finished processing the metrics of run " + run.id() + " after "
                    + DurationFormat.format(c.settings.processingTimeout()) + "; judging with what it reported");
        }
        List<Threshold> thresholds = List.of();
        try {
            thresholds = c.client.getThresholds(run.id());
        } catch (K6CloudException e) {
            c.say("Could not read the thresholds of run " + run.id() + " (the verdict does not depend on them): "
                    + e.getMessage());
        }
        return c.report(VerdictRules.judge(run, c.stopSent, c.webUrl), thresholds);
    }
}
