package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.TestRun;
import java.util.Objects;

/**
 * Stopping a run: before reporting our timeout or an error (STOPPING), and when the build was
 * aborted (CANCELLING: stop, then follow the run, bounded by the cancel wait, until it ends).
 * After our timeout's stop, too, the run is followed until it ends, bounded by the same cancel
 * wait, so that the outcome shows its final status. A transient stop failure is retried within
 * the error budget.
 */
final class StopSteps {
    private final WatchContext c;
    private boolean retryStop;

    StopSteps(WatchContext c) {
        this.c = c;
    }

    /** Stops the run, then reports {@code judgement}; {@code retry}: retry a transient stop failure. */
    long begin(Judgement judgement, boolean retry) {
        c.stopping = judgement;
        c.phase = WatchPhase.STOPPING;
        retryStop = retry;
        c.changed(); // persists the verdict to come, so that a restart before the report keeps it
        return stopThenReport();
    }

    /**
     * After a restart in STOPPING: the next step stops the run (unless that was done) and reports,
     * after our timeout once the run ended (the wait for it starts again, bounded as before).
     */
    void resume(Judgement judgement) {
        c.stopping = judgement;
        c.phase = WatchPhase.STOPPING;
        retryStop = true;
    }

    long stopThenReport() {
        Judgement afterStop = Objects.requireNonNull(c.stopping, "STOPPING is entered with its judgement");
        boolean awaitEnd = afterStop.verdict() == Verdict.TIMED_OUT;
        if (c.stopSent) {
            return awaitEnd ? awaitEndAfterTimeout(afterStop) : c.report(afterStop);
        }
        try {
            sendStop(awaitEnd ? "timeout" : "cannot follow it");
        } catch (K6CloudException e) {
            if (retryStop && e.isTransient() && !c.errors.record(c.now())) {
                return c.errors.backoffMillis(e);
            }
            return c.report(afterStop.withNote(couldNotStop(e)));
        }
        if (!awaitEnd) {
            return c.report(afterStop);
        }
        c.stopWaitUntil = c.now() + c.settings.cancelWait().toMillis();
        return c.pollWithin(c.stopWaitUntil);
    }

    /** Our timeout's stop was sent: poll, bounded by the cancel wait, until the run ends, then report. */
    private long awaitEndAfterTimeout(Judgement timedOut) {
        if (c.stopWaitUntil == null) {
            c.stopWaitUntil = c.now() + c.settings.cancelWait().toMillis(); // resumed after a restart
        }
        long deadline = c.stopWaitUntil;
        TestRun run;
        try {
            run = c.client.getRun(c.runId);
        } catch (K6CloudException e) {
            long now = c.now();
            if (e.isTransient() && !c.errors.record(now) && now < deadline) {
                return Math.min(c.errors.backoffMillis(e), Math.max(0, deadline - now));
            }
            return c.report(timedOut.withNote("The stop was sent, but whether the run ended could not be read ("
                    + e.getMessage() + "); its last known status is " + c.statusLines.shown() + "."));
        }
        c.answered();
        c.observe(run);
        if (WatchContext.hasEnded(run)) {
            c.runEnded = true;
            return c.report(timedOut.withNote("After the stop it ended as " + WatchContext.endedLabel(run) + "."));
        }
        if (c.now() >= deadline) {
            return c.report(timedOut.withNote("The stop was sent, but the run was still " + c.statusLines.shown() + " "
                    + DurationFormat.format(c.settings.cancelWait()) + " later: check that it stops."));
        }
        return c.pollWithin(deadline);
    }

    /** One step of cancelling: send the stop (once accepted), then poll until the run ends. */
    long cancelling() {
        if (!c.stopSent && !c.runEnded) {
            return sendCancelStop();
        }
        if (c.reporter.isDone()) {
            return StepLoop.DONE;
        }
        if (c.abandonRequested) {
            return c.report(VerdictRules.cancelled(abandonedDetail()));
        }
        long now = c.now();
        TestRun run;
        try {
            run = c.client.getRun(c.runId);
        } catch (K6CloudException e) {
            if (e.isTransient() && !c.errors.record(now) && now < c.cancelDeadline()) {
                return Math.min(c.errors.backoffMillis(e), Math.max(0, c.cancelDeadline() - now));
            }
            return c.report(VerdictRules.cancelled("k6 Cloud run " + c.runId + " was asked to stop, but whether"
                    + " it ended could not be read: " + e.getMessage() + " Check " + c.webUrl));
        }
        c.answered();
        c.observe(run);
        if (WatchContext.hasEnded(run)) {
            c.runEnded = true;
            return c.report(VerdictRules.cancelled(
                    "k6 Cloud run " + c.runId + " was stopped and ended as " + WatchContext.endedLabel(run) + "."));
        }
        if (c.now() >= c.cancelDeadline()) {
            return c.report(VerdictRules.cancelled("k6 Cloud run " + c.runId + " was asked to stop but was still "
                    + c.statusLines.shown() + " after " + DurationFormat.format(c.settings.cancelWait())
                    + "; check that it stops: " + c.webUrl));
        }
        return c.pollWithin(c.cancelDeadline());
    }

    private long sendCancelStop() {
        try {
            sendStop(c.cancelReason);
        } catch (K6CloudException e) {
            if (e.isTransient() && !c.errors.record(c.now())) {
                if (c.abandonRequested) {
                    c.report(VerdictRules.cancelled(abandonedDetail()));
                }
                return c.errors.backoffMillis(e); // keeps trying to stop it, even after reporting
            }
            return c.report(VerdictRules.cancelled(couldNotStop(e)));
        }
        if (c.reporter.isDone()) {
            return StepLoop.DONE;
        }
        if (c.abandonRequested) {
            return c.report(VerdictRules.cancelled(abandonedDetail()));
        }
        return c.pollWithin(c.cancelDeadline());
    }

    void sendStop(String why) throws K6CloudException {
        try {
            c.client.stopRun(c.runId);
        } finally {
            c.stopAttempted = true;
        }
        c.stopSent = true;
        c.stopAccepted.complete(null);
        c.errors.reset();
        c.say(ConsoleText.stopSent(c.elapsed(), c.runId, why));
        c.changed();
    }

    String couldNotStop(K6CloudException e) {
        return "The run could not be stopped (" + e.getMessage() + "): stop it in the k6 web app: " + c.webUrl;
    }

    /** What to say when a second cancel stops the waiting. */
    String abandonedDetail() {
        if (c.runId == null) {
            RunAdoption look = c.lookingFor;
            return look == null ? "no run was started." : look.stillLooking();
        }
        if (c.runEnded) {
            return "k6 Cloud run " + c.runId + " had already ended as " + WatchContext.endedLabel(c.lastRun) + ".";
        }
        return (c.stopSent
                        ? "k6 Cloud run " + c.runId + " was asked to stop"
                        : "stopping k6 Cloud run " + c.runId + " is being retried")
                + "; not waiting for it to end (cancelled twice). Check " + c.webUrl;
    }
}
