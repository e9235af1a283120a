package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.TestRun;
import java.util.Objects;

/** Puts a watch back where a persisted {@link WatchState} left it, after a restart. */
final class WatchRestore {
    private WatchRestore() {}

    static void restore(WatchContext c, WatchState s, StopSteps stop) {
        c.runId = s.runId();
        c.webUrl = s.runId() == null ? null : s.webUrl();
        c.stopSent = s.stopSent();
        c.stopAttempted = s.stopSent();
        c.endedSeenAt = s.endedSeenAtMillis();
        c.startAttemptAt = s.startAttemptAtMillis();
        if (s.lastRunStatus() != null && s.runId() != null) {
            c.lastRun = TestRun.ofStatus(s.runId(), s.testId(), s.lastRunStatus(), s.lastProcessingStatus(), null);
        }
        c.statusLines.shownBefore(c.lastRun, c.now());
        if (s.cancelRequested()) {
            c.cancelRequestedAt = Objects.requireNonNullElseGet(s.cancelRequestedAtMillis(), c::now);
            c.cancelReason = "cancel requested before the restart";
            c.cancelRequested = true;
        }
        if (s.runId() == null) {
            c.phase = WatchPhase.STARTING;
        } else if (s.cancelRequested()) {
            c.phase = WatchPhase.CANCELLING;
        } else if (s.phase() == WatchPhase.PROCESSING) {
            c.phase = WatchPhase.PROCESSING;
        } else if (s.phase() == WatchPhase.STOPPING && s.stoppingFor() != null) {
            // our timeout or an error was being acted on: the stop (if not yet sent) and the verdict stay
            stop.resume(new Judgement(s.stoppingFor(), s.stoppingMessage() == null ? "" : s.stoppingMessage()));
        } else {
            // a STOPPING saved without its reason (older versions) is re-derived on the next poll
            c.phase = WatchPhase.WATCHING;
        }
        if (s.runId() != null) {
            c.say(ConsoleText.resumed(s.runId(), c.webUrl));
        }
    }
}
