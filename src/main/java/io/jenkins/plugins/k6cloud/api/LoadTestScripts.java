package io.jenkins.plugins.k6cloud.api;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

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

    /**
     * The upload before a start, as {@code bin/k6cloud --script} and the Jenkins steps do it: without
     * {@code testId}, creates or updates the load test {@code name} in {@code projectId} (the default
     * project when {@code null}); with {@code testId}, replaces that test's script. Sends nothing
     * but through {@code scripts} and {@code client}; the caller checks the API flavour first
     * ({@link #needsV6}), since the look-up of {@code testId} would otherwise go out on v2.
     *
     * @return the load test the run is to start, with its name and project where k6 Cloud said them
     */
    static LoadTest uploadForRun(
            LoadTestScripts scripts,
            K6CloudClient client,
            Long testId,
            Long projectId,
            String name,
            ScriptSource script)
            throws K6CloudException {
        if (testId == null) {
            return scripts.uploadScript(projectId, name, script);
        }
        LoadTest known = client.getLoadTest(testId);
        scripts.replaceScript(testId, script);
        return new LoadTest(testId, known.name(), known.projectId());
    }

    /**
     * Sets the note of run {@code runId} on {@code executor}: the engine's callback that learns the run id
     * must not block on an HTTP call. Best effort (a note never fails a run): the future fails with the
     * reason it was not set, also when {@code executor} takes no more tasks or {@code client} sets no notes.
     */
    static CompletableFuture<Void> setNoteLater(K6CloudClient client, long runId, String note, Executor executor) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    ((LoadTestScripts) client).setNote(runId, note);
                    done.complete(null);
                } catch (K6CloudException | RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) { // the executor is shutting down
            done.completeExceptionally(e);
        }
        return done;
    }

    /** What the upload is about to do, e.g. {@code Uploading k6 script load/checkout.js (1,234 bytes) to ...}. */
    static String announce(Long testId, String name, Long projectId, String script, long size) {
        String sized = script + " (" + bytes(size) + ")";
        if (testId != null) {
            return "Replacing the script of load test " + testId + " with k6 script " + sized;
        }
        return "Uploading k6 script " + sized + " to load test \"" + name + "\" in "
                + (projectId == null ? "the stack's default project" : "project " + projectId)
                + " (created, or its script replaced)";
    }

    /** {@code "checkout" (id 12) in project 3}. */
    static String describe(LoadTest test) {
        return (test.name() == null ? "" : "\"" + test.name() + "\" ") + "(id " + test.id() + ")"
                + (test.projectId() == null ? "" : " in project " + test.projectId());
    }

    /** {@code 1,234 bytes}. */
    static String bytes(long size) {
        return String.format(Locale.ROOT, "%,d bytes", size);
    }

    /**
     * Why {@code what} cannot be done with the v2 API: tests as code and notes need Grafana Cloud k6
     * (v6), and where to choose it.
     */
    static String needsV6(String what) {
        return what + " needs Grafana Cloud k6 (v6), and the k6 Cloud v2 API is selected, which the plugin"
                + " cannot upload scripts or set notes with. Choose \"" + ApiFlavour.V6.displayName()
                + "\" as the API in the k6 Cloud settings of Jenkins (apiFlavour: \"v6\" in configuration"
                + " as code, --api-flavour v6 on the command line), with the stack id.";
    }
}
