package io.jenkins.plugins.k6cloud.api;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Tests as code: a k6 script from the repository run on Grafana Cloud k6. v6 only: on v2 every call
 * throws a {@link K6CloudException.ConfigurationException} before any request.
 */
public interface LoadTestScripts {

    long defaultProjectId() throws K6CloudException;

    Optional<LoadTest> findLoadTest(long projectId, String name) throws K6CloudException;

    void replaceScript(long testId, ScriptSource script) throws K6CloudException;

    /**
     * Creates or updates load test {@code name} in the project (the default one for {@code null}), as
     * {@code k6 cloud upload} does. Idempotent: two builds at once end with one test.
     */
    LoadTest uploadScript(Long projectId, String name, ScriptSource script) throws K6CloudException;

    void setNote(long runId, String note) throws K6CloudException;

    /** With {@code testId} that test's script is replaced, else {@link #uploadScript}. The caller checks the flavour. */
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

    /** The longest a build or the runner waits for the run's note after the verdict. */
    Duration NOTE_WAIT = Duration.ofSeconds(30);

    /**
     * On {@code executor}: the engine's callback that learns the run id must not block on an HTTP call.
     * Best effort: the future fails with the reason the note was not set.
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

    /** {@code Uploading k6 script load/checkout.js (1,234 bytes) to ...}. */
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

    static String bytes(long size) {
        return String.format(Locale.ROOT, "%,d bytes", size);
    }

    static String needsV6(String what) {
        return what + " needs Grafana Cloud k6 (v6), and the k6 Cloud v2 API is selected, which the plugin"
                + " cannot upload scripts or set notes with. Choose \"" + ApiFlavour.V6.displayName()
                + "\" as the API in the k6 Cloud settings of Jenkins (apiFlavour: \"v6\" in configuration"
                + " as code, --api-flavour v6 on the command line), with the stack id.";
    }
}
