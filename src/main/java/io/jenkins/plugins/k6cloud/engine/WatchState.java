package io.jenkins.plugins.k6cloud.engine;

import java.io.Serializable;

/**
 * Everything needed to pick up a followed run again after a restart: the test, the run id once
 * known, the settings, the last statuses seen and the deadlines (engine-clock epoch millis).
 * Immutable and small; the engine hands out a fresh one on every change worth persisting.
 */
public final class WatchState implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long testId;
    private final Long runId;
    private final RunSettings settings;
    private final long watchStartedAtMillis;
    private final Integer lastRunStatus;
    private final Integer lastProcessingStatus;
    private final boolean cancelRequested;

    public WatchState(
            long testId,
            Long runId,
            RunSettings settings,
            long watchStartedAtMillis,
            Integer lastRunStatus,
            Integer lastProcessingStatus,
            boolean cancelRequested) {
        this.testId = testId;
        this.runId = runId;
        this.settings = settings;
        this.watchStartedAtMillis = watchStartedAtMillis;
        this.lastRunStatus = lastRunStatus;
        this.lastProcessingStatus = lastProcessingStatus;
        this.cancelRequested = cancelRequested;
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

    /** When the engine began this watch (the overall timeout counts from here). */
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

    /** The run's page in the k6 web app, or {@code null} while the id is unknown. */
    public String webUrl() {
        return runId == null ? null : settings.runUrl(runId);
    }
}
