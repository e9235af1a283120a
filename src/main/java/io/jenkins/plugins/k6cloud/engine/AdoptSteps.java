package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.TestRun;
import java.util.function.ToLongFunction;

/**
 * STARTING after a start whose outcome is unknown (its answer was lost, or a restart interrupted
 * it): look for the run it may have created every poll interval until the {@link RunAdoption}
 * window has passed, then follow it, or stop it when the build was aborted. A cancel does not end
 * the look, since k6 Cloud may create the run a moment later: the outcome is CANCELLED once the run
 * found was stopped, or once the window has passed with none. A second cancel reports at once; the
 * look, and the stop of a run that appears, go on silently until the window has passed.
 */
final class AdoptSteps {
    private final WatchContext c;
    private final RunAdoption adoption;
    private final ToLongFunction<TestRun> known;
    private boolean cancelSaid;

    /** {@code known}: takes the run found from here on (follows it, or stops it when cancelled). */
    AdoptSteps(WatchContext c, RunAdoption adoption, ToLongFunction<TestRun> known) {
        this.c = c;
        this.adoption = adoption;
        this.known = known;
        c.lookingFor = adoption;
    }

    long step() {
        RunAdoption.Result found;
        try {
            found = adoption.find(c.cancelRequested);
            c.errors.reset();
        } catch (K6CloudException e) {
            if (e.isTransient() && !c.errors.record(c.now())) {
                return c.errors.backoffMillis(e);
            }
            return end(adoption.lookupFailed(e, c.cancelRequested));
        }
        if (found.run() != null) {
            return adopt(found);
        }
        if (!adoption.mayStillAppear(c.now())) {
            return end(new Judgement(c.cancelRequested ? Verdict.CANCELLED : Verdict.UNREACHABLE, found.explanation()));
        }
        if (c.cancelRequested) {
            cancelledMeanwhile();
        }
        return c.settings.pollInterval().toMillis(); // k6 Cloud may create it late: look again
    }

    private void cancelledMeanwhile() {
        if (c.abandonRequested) {
            c.report(VerdictRules.cancelled(adoption.stillLooking())); // once: later calls change nothing
        } else if (!cancelSaid) {
            cancelSaid = true;
            c.say(adoption.lookingOnToStop());
        }
    }

    private long adopt(RunAdoption.Result found) {
        c.lookingFor = null;
        if (c.cancelRequested) {
            c.cancelRequestedAt = c.now(); // the cancel wait counts from when there is a run to stop
        }
        c.say(found.explanation());
        long next = known.applyAsLong(found.run());
        if (c.reporter.isDone()) {
            // checked after the id is set: an outcome (a second cancel, on the caller's thread) that went
            // out before then did not release the run; one that went out after it did, and this is a no-op
            c.engine.unfollow(found.run().id());
        }
        return next;
    }

    private long end(Judgement j) {
        c.lookingFor = null;
        return c.report(j);
    }
}
