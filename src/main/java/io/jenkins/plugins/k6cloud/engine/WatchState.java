package io.jenkins.plugins.k6cloud.engine;

import java.io.Serializable;
import java.util.Objects;

/**
 * What a resume after a restart needs; the engine hands out a fresh one on every change worth saving.
 * Moments are engine-clock epoch millis; {@code null}: not yet. The overall and start timeouts count from
 * {@code watchStartedAtMillis}, the processing timeout from {@code endedSeenAtMillis}, the cancel wait from
 * {@code cancelRequestedAtMillis}. {@code stoppingFor} and {@code stoppingMessage}, in STOPPING and STOP_SENT,
 * are the verdict to report once the run is stopped. (A record: the Pipeline saves it with JBoss Marshalling
 * River, which reads records since 2.1; workflow-support bundles 2.3.0.)
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

    /**
     * What a caller saves just before it asks the engine to start the run: a resume from it looks for the
     * run that a start in flight may have created rather than start another.
     */
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

    /** No start request had been sent: a resume starts the run instead of looking for one. */
    public boolean startNotSent() {
        return runId == null && startAttemptAtMillis == null;
    }

    /** The run's page in the k6 web app, or {@code null} while the id is unknown. */
    public String webUrl() {
        return runWebUrl != null || runId == null ? runWebUrl : settings.runUrl(runId);
    }
}
