package io.jenkins.plugins.k6cloud.cli;

import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.LoadTest;
import io.jenkins.plugins.k6cloud.api.LoadTestScripts;
import io.jenkins.plugins.k6cloud.engine.BuildResult;
import io.jenkins.plugins.k6cloud.engine.Verdict;
import java.io.PrintStream;
import java.util.function.BooleanSupplier;

/**
 * The upload before the start ({@code --script}): creates or updates the load test by name, or
 * replaces the script of {@code --test-id}, on the caller's thread, and says what it did. A failure
 * ends the command with a verdict line and no run: a script or setting k6 Cloud refuses (400 with
 * k6's message, 413, 401, 403, 404, a name taken by no test it lists) is a configuration error (exit
 * 104), k6 Cloud unreachable past the retries exit 98, and an interrupt exit 105.
 */
final class CliUpload {

    /** The load test uploaded to, or {@code null} and the exit code. */
    record Result(LoadTest test, int exitCode) {}

    private final PrintStream out;
    private final BooleanSupplier begin;
    private final BooleanSupplier end;

    /**
     * @param begin called on the uploading thread before the first request; {@code false}: an
     *     interrupt came first, upload nothing
     * @param end called after the upload; {@code true}: an interrupt came meanwhile, start nothing
     */
    CliUpload(PrintStream out, BooleanSupplier begin, BooleanSupplier end) {
        this.out = out;
        this.begin = begin;
        this.end = end;
    }

    Result upload(LoadTestScripts scripts, K6CloudClient client, CliScript script, Long testId) {
        out.println(LoadTestScripts.announce(
                testId, script.testName(), script.projectId(), script.file().toString(), script.size()));
        if (!begin.getAsBoolean()) {
            return interrupted(null);
        }
        LoadTest test = null;
        K6CloudException failure = null;
        boolean interrupted;
        try {
            test = LoadTestScripts.uploadForRun(
                    scripts, client, testId, script.projectId(), script.testName(), script.source());
        } catch (K6CloudException e) {
            failure = e;
        } finally {
            interrupted = end.getAsBoolean();
        }
        if (interrupted || failure instanceof K6CloudException.InterruptedCallException) {
            return interrupted(test);
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

    private Result interrupted(LoadTest test) {
        out.println(verdictLine(
                Verdict.CANCELLED,
                "interrupted during the upload of the k6 script: no run was started"
                        + (test == null ? "." : " (" + describe(test) + " has the new script).")));
        return new Result(null, ExitCodes.INTERRUPTED);
    }

    /** The line the summary ends with: the load test, its project and the script. */
    static String summary(LoadTest test, CliScript script) {
        return "Load test: " + describe(test) + ", script " + script.file() + " (" + script.shownSize() + ")";
    }

    static String describe(LoadTest test) {
        return LoadTestScripts.describe(test);
    }

    private static String verdictLine(Verdict v, String message) {
        return "k6 Cloud verdict: " + v + " (build result " + v.buildResult(BuildResult.FAILURE) + ") - " + message;
    }
}
