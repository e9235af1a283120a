package io.jenkins.plugins.k6cloud.engine;

import java.io.Serializable;
import java.util.Objects;

/**
 * Everything needed to pick up a followed run again after a restart; the engine hands out a fresh
 * one on every change worth persisting. Moments are engine-clock epoch millis. (A record: the
 * Pipeline saves it with JBoss Marshalling River, which reads records since 2.1; workflow-support
 * bundles 2.3.0.)
 *
 * @param testId the load test
 * @param runId the run, or {@code null} while no start has answered
 * @param settings how the run is followed
 * @param watchStartedAtMillis when the engine began this watch (the overall and the start timeout count from here)
 * @param lastRunStatus the last {@code run_status} code seen, or {@code null}
 * @param lastProcessingStatus the last {@code processing_status} code seen, or {@code null}
 * @param phase where the engine was
 * @param endedSeenAtMillis when the engine first saw the run ended (the processing timeout counts from here)
 * @param cancelRequestedAtMillis when the build asked to cancel (the cancel wait counts from here), or {@code null}
 * @param runWebUrl the run's page as k6 Cloud gave it, or {@code null}
 * @param stoppingFor in {@link WatchPhase#STOPPING} and {@link WatchPhase#STOP_SENT}: the verdict to report once
 *     the run is stopped (our timeout, or k6 Cloud unreachable), so that a restart in between keeps it
 * @param stoppingMessage the message that goes with {@code stoppingFor}
 * @param startAttemptAtMillis when the latest start request was about to be sent, or {@code null} before the first
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
     * What a caller saves just before it asks the engine to start the run (the engine has no state
     * yet): a resume from it looks for the run that a start in flight may have created rather than
     * start another.
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

    /** Whether k6 Cloud accepted a stop request for the run. */
    public boolean stopSent() {
        return phase.stopSent();
    }

    /** Whether no start request had been sent yet: a resume then starts the run instead of looking for one. */
    public boolean startNotSent() {
        return runId == null && startAttemptAtMillis == null;
    }

    /** The run's page in the k6 web app, or {@code null} while the id is unknown. */
    public String webUrl() {
        if (runWebUrl != null) {
            return runWebUrl;
        }
        return runId == null ? null : settings.runUrl(runId);
    }
}
