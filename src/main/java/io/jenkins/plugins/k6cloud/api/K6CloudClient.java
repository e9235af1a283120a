package io.jenkins.plugins.k6cloud.api;

import java.time.Instant;
import java.util.List;

/**
 * What the plugin asks of k6 Cloud, whichever API flavour answers ({@link HttpK6CloudClient} speaks
 * both); the engine and the Jenkins glue only see this interface, and the engine and the tests wrap
 * it. Calls block the calling thread, are bounded by timeouts, and retry what is safe to retry
 * within the client's retry budget before throwing.
 */
public interface K6CloudClient {

    /**
     * Starts a run of a load test. Never starts two runs for one call, and never returns a run it
     * did not start for certain: when the outcome of the request is unknown (the response was
     * lost), v6 sends it again with the same idempotency key (within the retry budget); otherwise
     * (always on v2) a {@link K6CloudException.StartOutcomeUnknownException} says since when the
     * caller, which knows the runs it follows already, is to look for the run (see {@code Retrier.start}).
     */
    TestRun startRun(long testId) throws K6CloudException;

    /** Reads the fields of a run the plugin needs to follow it. */
    TestRun getRun(long runId) throws K6CloudException;

    /**
     * The runs of a load test, following pagination to the end; with {@code createdAfter}, only
     * those created at or after it, asked for newest first (every run of the test when {@code null}).
     */
    List<TestRun> listRuns(long testId, Instant createdAfter) throws K6CloudException;

    /**
     * Asks k6 Cloud to stop a run. Returns normally when the stop was accepted or the run had
     * already ended ("not running" counts as done).
     */
    void stopRun(long runId) throws K6CloudException;

    /** The thresholds of a run and whether each passed; empty when the run has none. */
    List<Threshold> getThresholds(long runId) throws K6CloudException;

    /** A cheap authenticated call: returns normally when the token (and stack) are accepted. */
    void checkToken() throws K6CloudException;

    /** One load test, to check an id and show its name. */
    LoadTest getLoadTest(long testId) throws K6CloudException;

    /**
     * The run's metrics summary, k6's baseline run and the top-level checks ({@link RunMetrics}), read
     * once after the verdict; best effort: whatever fails throws, and the caller says "metrics not
     * available" and goes on. A failed read of the checks alone leaves {@link RunMetrics#checks()}
     * {@code null}. Clients that do not read metrics (test doubles, wrappers) keep this default, which
     * says so with a {@link K6CloudException}.
     */
    default RunMetrics getRunMetrics(long runId) throws K6CloudException {
        throw new K6CloudException(getClass().getSimpleName() + " does not read metrics", null, 0, null);
    }
}
