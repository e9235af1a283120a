package io.jenkins.plugins.k6cloud.api;

import java.util.Optional;

/**
 * Tests as code: what the plugin asks of Grafana Cloud k6 to run a k6 script from the repository and
 * to tie a run to its build. v6 only: with the v2 API selected every call throws a
 * {@link K6CloudException.ConfigurationException} before any request, saying to choose Grafana Cloud
 * k6 (v6). Calls block, are bounded by the client's timeouts and retry what is safe within its retry
 * budget, like those of {@link K6CloudClient}. Scripts are streamed from their {@link ScriptSource},
 * opened again for each attempt.
 */
public interface LoadTestScripts {

    /** The id of the stack's default project ({@code is_default}). */
    long defaultProjectId() throws K6CloudException;

    /** The load test named exactly {@code name} in project {@code projectId}, if there is one. */
    Optional<LoadTest> findLoadTest(long projectId, String name) throws K6CloudException;

    /**
     * Creates load test {@code name} in project {@code projectId} with {@code script}. A name already
     * taken in the project is a {@link K6CloudException.ProtocolException} with {@code httpStatus()} 409.
     */
    LoadTest createLoadTest(long projectId, String name, ScriptSource script) throws K6CloudException;

    /** Replaces the script of load test {@code testId}. */
    void replaceScript(long testId, ScriptSource script) throws K6CloudException;

    /**
     * Creates or updates the load test named {@code name} in project {@code projectId} (the default
     * project when {@code null}) so that it runs {@code script}, as {@code k6 cloud upload} does: it
     * creates the test and, when the name is taken, finds the test by name and replaces its script.
     * Idempotent, so safe to call again after any failure; two builds doing it at once end with one
     * test. A script k6 Cloud rejects (400, quoting k6) or finds too large (413) is a
     * {@link K6CloudException.ProtocolException} naming the script and its size, never retried.
     *
     * @return the load test, with its project
     */
    LoadTest uploadScript(Long projectId, String name, ScriptSource script) throws K6CloudException;

    /** Sets the note of run {@code runId}, replacing the one it had. */
    void setNote(long runId, String note) throws K6CloudException;
}
