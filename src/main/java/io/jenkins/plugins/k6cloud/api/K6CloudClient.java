package io.jenkins.plugins.k6cloud.api;

import java.time.Instant;
import java.util.List;

/**
 * What the plugin asks of k6 Cloud, whichever API answers: the seam the engine, the Jenkins glue and
 * the tests wrap. Calls block, bounded by timeouts, and retry what is safe within the retry budget.
 */
public interface K6CloudClient {

    /**
     * Never starts two runs for one call, nor returns a run it did not start for certain; when the
     * outcome is unknown, {@link K6CloudException.StartOutcomeUnknownException} says since when the
     * caller is to look for the run.
     */
    TestRun startRun(long testId) throws K6CloudException;

    TestRun getRun(long runId) throws K6CloudException;

    /** Every page; with {@code createdAfter}, only runs created at or after it. */
    List<TestRun> listRuns(long testId, Instant createdAfter) throws K6CloudException;

    /** Returns normally when the stop was accepted or the run had already ended. */
    void stopRun(long runId) throws K6CloudException;

    /** Empty when the run has none. */
    List<Threshold> getThresholds(long runId) throws K6CloudException;

    /** A cheap authenticated call: returns normally when the token (and stack) are accepted. */
    void checkToken() throws K6CloudException;

    LoadTest getLoadTest(long testId) throws K6CloudException;

    /**
     * Read once after the verdict, best effort: a failure throws and the caller goes on without; a
     * failed read of the checks alone leaves {@link RunMetrics#checks()} {@code null}. Test doubles
     * keep this default, which says that they read none.
     */
    default RunMetrics getRunMetrics(long runId) throws K6CloudException {
        throw new K6CloudException(getClass().getSimpleName() + " does not read metrics", null, 0, null);
    }
}
