package io.jenkins.plugins.k6cloud.engine;

import java.io.Serializable;
import java.util.Objects;

/**
 * What a resume after a restart needs. Moments are engine-clock epoch millis, {@code null}: not yet;
 * {@code stoppingFor}/{@code stoppingMessage} are the verdict to report once the run is stopped. (A record: the
 * Pipeline saves it with JBoss Marshalling River, which reads records since 2.1; workflow-support bundles 2.3.0.)
 */
public record WatchState(
        long testId,
        Long runId,
        RunSettings settings,
        long watchStartedAtMillis,
        Integer lastRunStatus,
        Integer lastProcessingStatus,
        WatchPhase phase,
        Long endedSeenAtMillis,
        Long cancelRequestedAtMillis,
        String runWebUrl,
        Verdict stoppingFor,
        String stoppingMessage,
        Long startAttemptAtMillis)
        implements Serializable {

    public WatchState {
        Objects.requireNonNull(settings, "A watch state needs the run settings");
        Objects.requireNonNull(phase, "phase");
    }

    /** Saved just before the start is asked for: a resume from it looks for the run rather than start another. */
    public static WatchState beforeStart(long testId, RunSettings settings, long atMillis) {
        return new WatchState(
                testId,
                null,
                settings,
                atMillis,
                null,
                null,
                WatchPhase.STARTING,
                null,
                null,
                null,
                null,
                null,
                atMillis);
    }

    public boolean cancelRequested() {
        return cancelRequestedAtMillis != null;
    }

    public boolean stopSent() {
        return phase.stopSent();
    }

    public boolean startNotSent() {
        return runId == null && startAttemptAtMillis == null;
    }

    public String webUrl() {
        return runWebUrl != null || runId == null ? runWebUrl : settings.runUrl(runId);
    }
}
