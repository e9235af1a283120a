package io.jenkins.plugins.k6cloud.api;

import java.time.Instant;
import java.util.List;

/** What the plugin asks of k6 Cloud, whichever API answers. Calls block, bounded, and retry what is safe. */
public interface K6CloudClient {

    /** Never starts two runs; when the outcome is unknown, throws {@link K6CloudException.StartOutcomeUnknownException}. */
    TestRun startRun(long testId) throws K6CloudException;

    TestRun getRun(long runId) throws K6CloudException;

    /** Every page; with {@code createdAfter}, only runs created at or after it. */
    List<TestRun> listRuns(long testId, Instant createdAfter) throws K6CloudException;

    /** Returns normally when the stop was accepted or the run had already ended. */
    void stopRun(long runId) throws K6CloudException;

    List<Threshold> getThresholds(long runId) throws K6CloudException;

    void checkToken() throws K6CloudException;

    LoadTest getLoadTest(long testId) throws K6CloudException;

    /** Best effort, after the verdict; test doubles keep this default, which reads none. */
    default RunMetrics getRunMetrics(long runId) throws K6CloudException {
        throw new K6CloudException(getClass().getSimpleName() + " does not read metrics", null, 0, null);
    }
}
