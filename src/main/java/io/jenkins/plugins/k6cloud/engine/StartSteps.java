package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.TestRun;
import java.time.Duration;

/**
 * Getting a run id (STARTING): start the run, or find the run a start whose answer was lost may
 * have created ({@link AdoptSteps}, looking again every poll interval while it may still appear,
 * also after a cancel); never a second start. Once the id is known: tell the
 * listener, stop at once if a cancel came meanwhile, or report {@link Verdict#STARTED} when the
 * run is not to be followed. A start refused with 429 created nothing: it is sent again after the
 * delay k6 Cloud asked for, within the start timeout.
 *
 * <p>A run the start answered with that another watch of this engine follows already cannot be
 * ours for certain (the client never adopts one, so only a fault of k6 Cloud, such as an
 * idempotency key answered with another request's run, leads here): following it would report the
 * other build's verdict, and stopping it on abort would stop the other build's test. So it is
 * neither followed nor stopped; the build fails (or, when aborted, ends cancelled) saying so. A
 * run of ours that this leaves without a watch is the lesser harm: the message names the load test
 * to check.
 */
final class StartSteps {
    private final WatchContext c;
    private final PollSteps poll;
    private final StopSteps stop;
    /** Once set, never cleared: no start is sent after one whose outcome is unknown. */
    private AdoptSteps adoption;

    StartSteps(WatchContext c, PollSteps poll, StopSteps stop, RunAdoption adoption) {
        this.c = c;
        this.poll = poll;
        this.stop = stop;
        this.adoption = adoption == null ? null : new AdoptSteps(c, adoption, this::known);
    }

    long step() {
        return adoption == null ? start() : adoption.step();
    }

    private long start() {
        if (c.cancelRequested) {
            return c.report(VerdictRules.cancelled("no run was started."));
        }
        // a restart from here on looks for runs created since now (without this mark, it starts one)
        c.startAttemptAt = c.now();
        c.changed();
        TestRun run;
        try {
            run = c.client.startRun(c.testId);
        } catch (K6CloudException.StartOutcomeUnknownException e) {
            // a run may exist after all: look again, then follow it (or stop it, if cancelled)
            adoption = new AdoptSteps(
                    c, RunAdoption.afterUnknownStart(c.client, c.testId, c.settings, c.engine, e), this::known);
            return c.settings.pollInterval().toMillis();
        } catch (K6CloudException.RateLimitedException e) {
            long delay =
                    Math.max(e.retryAfterMillis(), c.settings.pollInterval().toMillis());
            if (!c.cancelRequested && c.now() + delay < c.startTimeoutAt()) {
                c.say("k6 Cloud asked to wait " + DurationFormat.format(Duration.ofMillis(delay))
                        + " before starting a run of load test " + c.testId + " (HTTP 429); starting it then");
                return delay;
            }
            return c.report(
                    c.cancelRequested
                            ? VerdictRules.cancelled("no run was started (" + e.getMessage() + ")")
                            : VerdictRules.startFailed(c.testId, e));
        } catch (K6CloudException e) {
            if (c.cancelRequested) {
                return c.report(VerdictRules.cancelled("no run was started (" + e.getMessage() + ")"));
            }
            return c.report(VerdictRules.startFailed(c.testId, e));
        }
        if (!c.engine.follow(run.id())) {
            // never follow nor stop it: aborting this build would stop the other build's test
            return c.report(VerdictRules.runOfAnotherBuild(c.testId, run.id(), webUrl(run), c.cancelRequested));
        }
        c.say(ConsoleText.started(c.testId, run.id(), webUrl(run)));
        return known(run);
    }

    private String webUrl(TestRun run) {
        return RunLinks.of(run, c.settings);
    }

    /** {@code run} is ours and marked followed in the engine (by the start above, or by {@link RunAdoption}). */
    private long known(TestRun run) {
        c.runId = run.id();
        c.webUrl = webUrl(run);
        c.lastRun = run;
        c.phase = WatchPhase.WATCHING;
        c.reporter.started(c.state());
        if (c.cancelRequested) {
            c.phase = WatchPhase.CANCELLING;
            c.changed();
            return stop.cancelling();
        }
        if (!c.settings.waitForEnd()) {
            return c.report(VerdictRules.started(run.id(), c.webUrl));
        }
        c.lastRun = null; // so that the first status is shown and persisted
        return poll.afterRead(run);
    }
}
