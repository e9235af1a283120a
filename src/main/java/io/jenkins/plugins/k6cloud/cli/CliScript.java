package io.jenkins.plugins.k6cloud.cli;

import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.LoadTest;
import io.jenkins.plugins.k6cloud.api.LoadTestScripts;
import io.jenkins.plugins.k6cloud.api.ScriptSource;
import io.jenkins.plugins.k6cloud.cli.CliArguments.UsageException;
import io.jenkins.plugins.k6cloud.engine.BuildResult;
import io.jenkins.plugins.k6cloud.engine.Verdict;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Tests as code on the command line ({@code --script}, {@code --test-name}, {@code --project-id},
 * {@code --note}): the script, checked before any request, the load test it goes to and the run's
 * note.
 *
 * @param file the k6 script or archive as given
 * @param size its size in bytes when it was checked
 * @param testName the load test to create or update (ignored with {@code --test-id})
 * @param projectId its project, or {@code null} for the stack's default project
 * @param note the note of the run
 */
record CliScript(Path file, long size, String testName, Long projectId, String note) {

    /**
     * Checks {@code file} (it exists, is a file, can be read and is not empty) and fills in the
     * defaults: the test name is the file name without its extension, the note names the runner,
     * the host ({@code HOSTNAME} or {@code COMPUTERNAME} in {@code env}) and the script.
     */
    static CliScript of(Path file, String testName, Long projectId, String note, Map<String, String> env)
            throws UsageException {
        String what = "--script " + file;
        if (Files.isDirectory(file)) {
            throw new UsageException(what + " is a directory: give a k6 script file (.js) or a k6 archive (.tar,"
                    + " made with k6 archive)");
        }
        if (!Files.exists(file)) {
            throw new UsageException(
                    what + ": there is no such file; give the path of a k6 script (.js) or a k6" + " archive (.tar)");
        }
        long size;
        try {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new IOException("not a readable file");
            }
            size = Files.size(file);
        } catch (IOException e) {
            throw new UsageException(what + " cannot be read (" + e.getMessage() + "): check its permissions");
        }
        if (size == 0) {
            throw new UsageException(what + " is empty: there is nothing to upload");
        }
        String name = CliArguments.testName(testName != null ? testName : defaultName(file));
        return new CliScript(file, size, name, projectId, note != null ? note : defaultNote(file, env));
    }

    /** {@code checkout} for {@code load/checkout.js}; a name that is only an extension stays whole. */
    static String defaultName(Path file) {
        return ScriptSource.defaultTestName(String.valueOf(file.getFileName()));
    }

    /** {@code Started by bin/k6cloud on HOST from FILE}; without a host variable, without "on HOST". */
    static String defaultNote(Path file, Map<String, String> env) {
        String host = env.get("HOSTNAME");
        if (host == null || host.isBlank()) {
            host = env.get("COMPUTERNAME");
        }
        return "Started by bin/k6cloud" + (host == null || host.isBlank() ? "" : " on " + host.strip()) + " from "
                + file;
    }

    ScriptSource source() {
        return ScriptSource.of(file);
    }

    /** Its size for people, e.g. {@code 1,234 bytes}. */
    String shownSize() {
        return LoadTestScripts.bytes(size);
    }

    /** The load test uploaded to, or {@code null} and the exit code. */
    record Result(LoadTest test, int exitCode) {}

    /**
     * The upload before the start: creates or updates the load test by name, or replaces the script of
     * {@code testId}, on the caller's thread, and says what it did. A failure ends the command with a
     * verdict line and no run: a script or setting k6 Cloud refuses (400 with k6's message, 413, 401,
     * 403, 404, a name taken by no test it lists) is a configuration error (exit 104), k6 Cloud
     * unreachable past the retries exit 98, and an interrupt exit 105.
     *
     * @param begin called on the uploading thread before the first request; {@code false}: an
     *     interrupt came first, upload nothing
     * @param end called after the upload; {@code true}: an interrupt came meanwhile, start nothing
     */
    Result upload(
            PrintStream out,
            LoadTestScripts scripts,
            K6CloudClient client,
            Long testId,
            BooleanSupplier begin,
            BooleanSupplier end) {
        out.println(LoadTestScripts.announce(testId, testName, projectId, file.toString(), size));
        if (!begin.getAsBoolean()) {
            return interrupted(out, null);
        }
        LoadTest test = null;
        K6CloudException failure = null;
        boolean interrupted;
        try {
            test = LoadTestScripts.uploadForRun(scripts, client, testId, projectId, testName, source());
        } catch (K6CloudException e) {
            failure = e;
        } finally {
            interrupted = end.getAsBoolean();
        }
        if (interrupted || failure instanceof K6CloudException.InterruptedCallException) {
            return interrupted(out, test);
        }
        if (failure != null) {
            Verdict v = failure.isTransient() ? Verdict.UNREACHABLE : Verdict.CONFIGURATION_ERROR;
            out.println(
                    verdictLine(v, "the k6 script was not uploaded, so no run was started: " + failure.getMessage()));
            return new Result(null, ExitCodes.of(v));
        }
        out.println("Uploaded: " + describe(test));
        return new Result(test, ExitCodes.PASSED);
    }

    private static Result interrupted(PrintStream out, LoadTest test) {
        out.println(verdictLine(
                Verdict.CANCELLED,
                "interrupted during the upload of the k6 script: no run was started"
                        + (test == null ? "." : " (" + describe(test) + " has the new script).")));
        return new Result(null, ExitCodes.INTERRUPTED);
    }

    /** The line the summary ends with: the load test, its project and the script. */
    String summary(LoadTest test) {
        return "Load test: " + describe(test) + ", script " + file + " (" + shownSize() + ")";
    }

    static String describe(LoadTest test) {
        return LoadTestScripts.describe(test);
    }

    static String verdictLine(Verdict v, String message) {
        return "k6 Cloud verdict: " + v + " (build result " + v.buildResult(BuildResult.FAILURE) + ") - " + message;
    }
}
