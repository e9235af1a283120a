package io.jenkins.plugins.k6cloud.engine;

import java.io.Serializable;

/**
 * Everything needed to pick up a followed run again after a restart: the test, the run id once
 * known, the settings, the last statuses seen, the phase and the moments the deadlines count from
 * (engine-clock epoch millis). Immutable and small; the engine hands out a fresh one on every
 * change worth persisting.
 */
public final class WatchState implements Serializable {
    private static final long serialVersionUID = 2L;

    private final long testId;
    private final Long runId;
    private final RunSettings settings;
    private final long watchStartedAtMillis;
    private final Integer lastRunStatus;
    private final Integer lastProcessingStatus;
    private final boolean cancelRequested;
    private final WatchPhase phase;
    private final boolean stopSent;
    private final Long endedSeenAtMillis;
    private final Long cancelRequestedAtMillis;
    private final String runWebUrl;
    // added later: null in states saved by older versions
    private final Verdict stoppingFor;
    private final String stoppingMessage;
    private final Long startAttemptAtMillis;
    /** Added later ({@code false} in older states, which are then looked for as a start in flight). */
    private final boolean startNotSent;

    public WatchState(
            long testId,
            Long runId,
            RunSettings settings,
            long watchStartedAtMillis,
            Integer lastRunStatus,
            Integer lastProcessingStatus,
            boolean cancelRequested) {
        this(
                testId,
                runId,
                settings,
                watchStartedAtMillis,
                lastRunStatus,
                lastProcessingStatus,
                cancelRequested,
                runId == null ? WatchPhase.STARTING : WatchPhase.WATCHING,
                false,
                null,
                cancelRequested ? watchStartedAtMillis : null,
                null,
                null,
                null,
                null,
                false);
    }

    private WatchState(
            long testId,
            Long runId,
            RunSettings settings,
            long watchStartedAtMillis,
            Integer lastRunStatus,
            Integer lastProcessingStatus,
            boolean cancelRequested,
            WatchPhase phase,
            boolean stopSent,
            Long endedSeenAtMillis,
            Long cancelRequestedAtMillis,
            String runWebUrl,
            Verdict stoppingFor,
            String stoppingMessage,
            Long startAttemptAtMillis,
            boolean startNotSent) {
        if (settings == null) {
            throw new IllegalArgumentException("A watch state needs the run settings");
        }
        this.testId = testId;
        this.runId = runId;
        this.settings = settings;
        this.watchStartedAtMillis = watchStartedAtMillis;
        this.lastRunStatus = lastRunStatus;
        this.lastProcessingStatus = lastProcessingStatus;
        this.cancelRequested = cancelRequested;
        this.phase = phase == null ? WatchPhase.STARTING : phase;
        this.stopSent = stopSent;
        this.endedSeenAtMillis = endedSeenAtMillis;
        this.cancelRequestedAtMillis = cancelRequestedAtMillis;
        this.runWebUrl = runWebUrl;
        this.stoppingFor = stoppingFor;
        this.stoppingMessage = stoppingMessage;
        this.startAttemptAtMillis = startAttemptAtMillis;
        this.startNotSent = startNotSent;
    }

    /** Everything at once, for the engine. */
    static WatchState of(
            long testId,
            Long runId,
            RunSettings settings,
            long watchStartedAtMillis,
            Integer lastRunStatus,
            Integer lastProcessingStatus,
            WatchPhase phase,
            boolean stopSent,
            Long endedSeenAtMillis,
            Long cancelRequestedAtMillis,
            String runWebUrl,
            Judgement stopping,
            Long startAttemptAtMillis) {
        return new WatchState(
                testId,
                runId,
                settings,
                watchStartedAtMillis,
                lastRunStatus,
                lastProcessingStatus,
                cancelRequestedAtMillis != null,
                phase,
                stopSent,
                endedSeenAtMillis,
                cancelRequestedAtMillis,
                runWebUrl,
                stopping == null ? null : stopping.verdict(),
                stopping == null ? null : stopping.message(),
                startAttemptAtMillis,
                runId == null && startAttemptAtMillis == null);
    }

    public long testId() {
        return testId;
    }

    /** The run id, or {@code null} while the start request has not returned. */
    public Long runId() {
        return runId;
    }

    public RunSettings settings() {
        return settings;
    }

    /** When the engine began this watch (the overall and the start timeout count from here). */
    public long watchStartedAtMillis() {
        return watchStartedAtMillis;
    }

    public Integer lastRunStatus() {
        return lastRunStatus;
    }

    public Integer lastProcessingStatus() {
        return lastProcessingStatus;
    }

    public boolean cancelRequested() {
        return cancelRequested;
    }

    public WatchPhase phase() {
        return phase;
    }

    /** Whether k6 Cloud accepted a stop request for the run. */
    public boolean stopSent() {
        return stopSent;
    }

    /** When the engine first saw the run ended (the processing timeout counts from here), or {@code null}. */
    public Long endedSeenAtMillis() {
        return endedSeenAtMillis;
    }

    /** When the build asked to cancel (the cancel wait counts from here), or {@code null}. */
    public Long cancelRequestedAtMillis() {
        return cancelRequestedAtMillis;
    }

    /**
     * In {@link WatchPhase#STOPPING}: the verdict to report once the run is stopped (our timeout, or
     * k6 Cloud unreachable), so that a restart in between keeps it; {@code null} otherwise.
     */
    public Verdict stoppingFor() {
        return stoppingFor;
    }

    /** The message that goes with {@link #stoppingFor()}, or {@code null}. */
    public String stoppingMessage() {
        return stoppingMessage;
    }

    /**
     * When the latest start request was about to be sent (a start refused with 429 is sent again
     * later), or {@code null} before the first one (and in states saved by older versions).
     */
    public Long startAttemptAtMillis() {
        return startAttemptAtMillis;
    }

    /**
     * Whether no start request had been sent yet when this state was saved: a restart then starts
     * the run normally instead of looking for one. {@code false} in states of the public constructor
     * and of older versions, where a start without a run id may have been in flight.
     */
    public boolean startNotSent() {
        return startNotSent;
    }

    /** The moment the engine stops the run for taking too long. */
    public long timeoutAtMillis() {
        return watchStartedAtMillis + settings.timeout().toMillis();
    }

    /** The moment the engine stops a run that has not started running yet. */
    public long startTimeoutAtMillis() {
        return watchStartedAtMillis + settings.startTimeout().toMillis();
    }

    /** The run's page in the k6 web app, or {@code null} while the id is unknown. */
    public String webUrl() {
        if (runWebUrl != null) {
            return runWebUrl;
        }
        return runId == null ? null : settings.runUrl(runId);
    }

    @Override
    public String toString() {
        return "WatchState[test=" + testId + ", run=" + runId + ", phase=" + phase + ", run_status=" + lastRunStatus
                + ", processing_status=" + lastProcessingStatus + ", cancel=" + cancelRequested + ", stopSent="
                + stopSent + "]";
    }
}
