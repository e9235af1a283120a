package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.K6CloudException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A step failed with something no step expects (a bug of ours, an {@link Error}): the outcome is
 * still completed, as {@link Verdict#UNREACHABLE}, after trying to stop a run that is known and
 * has not ended, so that it is not left going.
 */
final class StepFailure {
    private static final Logger LOGGER = Logger.getLogger(StepFailure.class.getName());

    private StepFailure() {}

    static long report(WatchContext c, StopSteps stop, Throwable e) {
        LOGGER.log(Level.WARNING, "Following k6 Cloud run " + c.runId + " of test " + c.testId + " failed", e);
        String what = "an unexpected error in the plugin: " + e;
        if (c.runId != null && !c.runEnded && !c.stopSent) {
            try {
                stop.sendStop("plugin error");
            } catch (K6CloudException | RuntimeException stopFailure) {
                return c.report(new Judgement(
                        Verdict.UNREACHABLE,
                        "Stopped following k6 Cloud run " + c.runId
                                + " because of " + what + ". The run could not be stopped: stop it in the k6 web app: "
                                + c.webUrl));
            }
        }
        return c.report(new Judgement(
                Verdict.UNREACHABLE,
                "Stopped following k6 Cloud " + (c.runId == null ? "load test " + c.testId : "run " + c.runId)
                        + " because of " + what));
    }
}
